using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>
/// What a key or token may do: publish only with an API key, only on channels its patterns cover; read history and
/// presence with either; a private channel only with a grant that names it.
/// </summary>
[Collection(RelayAppCollection.Name)]
public sealed class ChannelGrantTests(RelayApp relay)
{
    [Fact]
    public async Task Publish_OutsideTheKeysPatterns_Returns403()
    {
        using var newsOnly = SecuredCalls.WithBearer(relay, TestCredentials.NewsOnlyKey);

        (await SecuredCalls.PublishAsync(newsOnly, RelayApi.UniqueChannel("sports"))).Answer.ExpectProblem(HttpStatusCode.Forbidden);
        (await SecuredCalls.PublishAsync(newsOnly, RelayApi.UniqueChannel("news."))).Answer.Expect(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Publish_ToAPrivateChannel_WithAWildcardKey_Returns403()
    {
        using var limited = SecuredCalls.WithBearer(relay, TestCredentials.LimitedKey);

        var answer = await SecuredCalls.PublishAsync(limited, RelayApi.UniqueChannel(RelayChannels.PrivatePrefix + "alice"));

        Assert.True(answer.Status is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests, answer.Answer.Text);
        Assert.NotEqual(HttpStatusCode.Accepted, answer.Status);
    }

    [Fact]
    public async Task Publish_WithAConnectionToken_Returns403()
    {
        using var token = SecuredCalls.WithBearer(relay, TestCredentials.Token("alice"));

        var answer = await SecuredCalls.PublishAsync(token, RelayApi.UniqueChannel("token-publish"));

        answer.Answer.ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("API key", answer.Answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithAnExpiredOrForeignToken_Returns401()
    {
        using var expired = SecuredCalls.WithBearer(relay, TestCredentials.Token("alice", lifetime: TimeSpan.FromMinutes(-5)));
        using var foreign = SecuredCalls.WithBearer(relay, TestCredentials.Token("alice", secret: "another-secret-0123456789abcdefghijklmnopqrstuvwxyz"));

        (await SecuredCalls.SendAsync(expired, HttpMethod.Get, RelayRoutes.ChannelMessages("general"))).ExpectUnauthorized();
        (await SecuredCalls.SendAsync(foreign, HttpMethod.Get, RelayRoutes.ChannelMessages("general"))).ExpectUnauthorized();
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("presence")]
    public async Task PrivateChannel_WithoutAGrantNamingIt_Returns403(string read)
    {
        var channel = RelayApi.UniqueChannel(RelayChannels.PrivatePrefix + "alice");
        using var newsOnly = SecuredCalls.WithBearer(relay, TestCredentials.NewsOnlyKey);
        using var everyPublic = SecuredCalls.WithBearer(relay, TestCredentials.Token("bob", ["*"]));
        using var otherPrivate = SecuredCalls.WithBearer(relay, TestCredentials.Token("bob", [RelayChannels.PrivatePrefix + "bob"]));

        foreach (var client in new[] { newsOnly, everyPublic, otherPrivate })
        {
            (await SecuredCalls.SendAsync(client, HttpMethod.Get, ReadPath(read, channel))).Answer.ExpectProblem(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("presence")]
    public async Task PrivateChannel_WithATokenGrantingIt_Returns200(string read)
    {
        var channel = RelayApi.UniqueChannel(RelayChannels.PrivatePrefix + "alice");
        using var sender = relay.CreateHttpClient(ResourceNames.Api);
        await RelayApi.PublishAsync(sender, channel, Publisher.UniqueText("secret"));
        using var alice = SecuredCalls.WithBearer(relay, TestCredentials.Token("alice", [channel]));

        var answer = await SecuredCalls.SendAsync(alice, HttpMethod.Get, ReadPath(read, channel));

        answer.Answer.Expect(HttpStatusCode.OK);
        Assert.Equal(channel, answer.Answer.Body.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task PublicChannel_WithATokenGrantingIt_Returns200_AndOtherChannels403()
    {
        using var token = SecuredCalls.WithBearer(relay, TestCredentials.Token("carol", ["news.*"]));

        (await SecuredCalls.SendAsync(token, HttpMethod.Get, RelayRoutes.ChannelMessages("news.today"))).Answer.Expect(HttpStatusCode.OK);
        (await SecuredCalls.SendAsync(token, HttpMethod.Get, RelayRoutes.ChannelPresence("news.today"))).Answer.Expect(HttpStatusCode.OK);
        (await SecuredCalls.SendAsync(token, HttpMethod.Get, RelayRoutes.ChannelMessages("sports"))).Answer.ExpectProblem(HttpStatusCode.Forbidden);
    }

    private static string ReadPath(string read, string channel) =>
        read == "messages" ? RelayRoutes.ChannelMessages(channel) : RelayRoutes.ChannelPresence(channel);
}
