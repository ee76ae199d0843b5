using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

[Collection(RelayAppCollection.Name)]
public sealed class FlowTests(RelayApp relay)
{
    [Fact]
    public async Task Publish_Once_ReachesAClientOnEachWsBackendReplica()
    {
        Assert.Equal(2, relay.ReplicaCount(ResourceNames.WsBackend));
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));
        Assert.NotEqual(first.Replica, second.Replica);

        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText();
        var id = await Publisher.PublishAsync(api, RelayChannels.Default, text, sender: "alice");

        foreach (var client in new[] { first, second })
        {
            var frame = await client.ReceiveMessageAsync(text);
            Assert.Equal(id, frame.GetProperty("id").GetString());
            Assert.Equal(RelayChannels.Default, frame.GetProperty("channel").GetString());
            Assert.Equal("alice", frame.GetProperty("sender").GetString());
            Assert.True(frame.GetProperty("publishedAt").TryGetDateTimeOffset(out _));
        }
    }

    [Fact]
    public async Task Publish_Returns202WithIdChannelAndUtcTime()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        using var response = await Publisher.PostAsync(api, "news.eu", "hello");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("id").GetString()));
        Assert.Equal("news.eu", json.RootElement.GetProperty("channel").GetString());
        var publishedAt = json.RootElement.GetProperty("publishedAt").GetString()!;
        Assert.EndsWith("Z", publishedAt);
        Assert.InRange(DateTimeOffset.Parse(publishedAt, System.Globalization.CultureInfo.InvariantCulture), before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Messages_OfOneChannel_ArriveInPublishOrder()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=ordered"));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var texts = Enumerable.Range(0, 50).Select(i => $"order-{Guid.NewGuid():N}-{i}").ToList();

        foreach (var text in texts)
        {
            await Publisher.PublishAsync(api, "ordered", text);
        }

        foreach (var text in texts)
        {
            var frame = await client.ReceiveAsync(f => f.Type() == "message");
            Assert.Equal(text, frame.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesThePublishEndpoint()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var document = await api.GetStringAsync("/openapi/v1.json", TestTimeouts.After(TestTimeouts.Step));

        Assert.Contains(RelayRoutes.Messages, document);
    }
}
