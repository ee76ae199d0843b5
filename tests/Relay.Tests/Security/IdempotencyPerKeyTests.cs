using System.Net;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>An <c>Idempotency-Key</c> belongs to the API key that gave it: another key's equal one is another message.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class IdempotencyPerKeyTests(RelayApp relay)
{
    [Fact]
    public async Task SameIdempotencyKey_FromTwoApiKeys_PublishesTwoMessages()
    {
        var channel = RelayApi.UniqueChannel("news.idem");
        var key = Guid.NewGuid().ToString();
        var body = SecuredCalls.Message(channel, Publisher.UniqueText("same"));
        using var sender = relay.CreateHttpClient(Contracts.ResourceNames.Api);
        using var newsOnly = SecuredCalls.WithBearer(relay, TestCredentials.NewsOnlyKey);

        var first = (await RelayApi.PostAsync(sender, body, key)).Expect(HttpStatusCode.Accepted);
        var second = (await RelayApi.PostAsync(newsOnly, body, key)).Expect(HttpStatusCode.Accepted);
        var repeat = (await RelayApi.PostAsync(newsOnly, body, key)).Expect(HttpStatusCode.Accepted);

        Assert.Null(first.Replayed);
        Assert.Null(second.Replayed);
        Assert.Equal("true", repeat.Replayed);
        Assert.NotEqual(PublishedMessage.From(first.Body).Id, PublishedMessage.From(second.Body).Id);
        Assert.Equal([1L, 2L], [PublishedMessage.From(first.Body).Offset, PublishedMessage.From(second.Body).Offset]);
        Assert.Equal(PublishedMessage.From(second.Body), PublishedMessage.From(repeat.Body));
        var history = (await RelayApi.GetHistoryAsync(sender, channel)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(2, history.GetProperty("messages").GetArrayLength());
    }
}
