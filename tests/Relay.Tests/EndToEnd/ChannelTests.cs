using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

[Collection(RelayAppCollection.Name)]
public sealed class ChannelTests(RelayApp relay)
{
    [Fact]
    public async Task ClientOnChannelA_GetsNoneOfChannelBsMessages()
    {
        await using var onA = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=room-a"));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var forB = Publisher.UniqueText("b");
        var forA = Publisher.UniqueText("a");

        await Publisher.PublishAsync(api, "room-b", forB);
        await Publisher.PublishAsync(api, "room-a", forA);

        var first = await onA.ReceiveAsync(f => f.Type() == "message");
        Assert.Equal(forA, first.GetProperty("text").GetString());
        Assert.Equal("room-a", first.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task SubscribeFrame_AddsAChannel_AndUnsubscribeFrame_RemovesIt()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, "channel=home"));
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        await client.SubscribeAsync("extra");
        var whileSubscribed = Publisher.UniqueText();
        await Publisher.PublishAsync(api, "extra", whileSubscribed);
        await client.ReceiveMessageAsync(whileSubscribed);

        await client.UnsubscribeAsync("extra");
        var afterUnsubscribe = Publisher.UniqueText();
        await Publisher.PublishAsync(api, "extra", afterUnsubscribe);
        var marker = Publisher.UniqueText("marker");
        await Publisher.PublishAsync(api, "home", marker);

        var next = await client.ReceiveAsync(f => f.Type() == "message");
        Assert.Equal(marker, next.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ConnectionWithSeveralChannels_GetsEachChannelsMessages_AndWelcomeListsThem()
    {
        await using var client = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=multi-1&channel=multi-2"));
        Assert.Equal(["multi-1", "multi-2"], client.WelcomeChannels);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var one = Publisher.UniqueText();
        var two = Publisher.UniqueText();
        var marker = Publisher.UniqueText("marker");

        await Publisher.PublishAsync(api, "multi-1", one);
        await Publisher.PublishAsync(api, "multi-2", two);
        await Publisher.PublishAsync(api, "multi-1", marker);

        var texts = new List<string?>();
        while (texts.LastOrDefault() != marker)
        {
            texts.Add((await client.ReceiveAsync(f => f.Type() == "message")).GetProperty("text").GetString());
        }

        Assert.Equal([one, two, marker], texts);
    }
}
