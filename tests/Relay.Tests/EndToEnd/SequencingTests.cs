using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

/// <summary>
/// What a replica does with what pub/sub hands it, by offset: a duplicate is dropped, a hole the history cannot
/// fill and a new epoch are told to the subscriber (<c>subscribed</c>, <c>recovered:false</c>), and delivery goes on.
/// The irregular input is written straight to Redis.
/// </summary>
[Collection(RelayAppCollection.Name)]
public sealed class SequencingTests(RelayApp relay)
{
    [Fact]
    public async Task MessageDeliveredTwiceByPubSub_ReachesTheClientOnce()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("dup");
        await using var client = await ConnectAsync(0, channel);
        var published = await RelayApi.PublishManyAsync(api, channel, 2);
        await using var redis = await RedisAccess.ConnectAsync(relay);

        await redis.PublishRawAsync(channel, await redis.ReadStoredAsync(channel, 1));
        await redis.PublishRawAsync(channel, await redis.ReadStoredAsync(channel, 2));
        var marker = Publisher.UniqueText("marker");
        await RelayApi.PublishAsync(api, channel, marker);

        var frames = await client.ReceiveUntilAsync(channel, marker);
        Assert.Equal([1L, 2L, 3L], frames.MessageOffsets());
        Assert.Equal(published.Select(p => p.Id), frames.Take(2).Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task HoleTheHistoryCannotFill_IsToldAsNotRecovered_AndDeliveryGoesOn()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("hole");
        await using var client = await ConnectAsync(1, channel);
        var before = await RelayApi.PublishAsync(api, channel, "before");
        await client.ReceiveMessageAsync("before");
        await using var redis = await RedisAccess.ConnectAsync(relay);

        Assert.Equal(2, await redis.SkipOffsetAsync(channel));
        var after = await RelayApi.PublishAsync(api, channel, "after");
        var frames = await client.ReceiveUntilAsync(channel, "after");

        Assert.Equal(3, after.Offset);
        Assert.Equal(2, frames.Count);
        Assert.Equal("subscribed", frames[0].Type());
        Assert.False(frames[0].Recovered(), frames[0].ToString());
        Assert.Equal(2, frames[0].Offset());
        Assert.Equal(before.Epoch, frames[0].Epoch());
        Assert.Equal(3, frames[1].Offset());
    }

    [Fact]
    public async Task ChannelThatLostItsHistory_StartsANewEpochAtOffset1_AndSubscribersAreToldFirst()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("epoch");
        await using var first = await ConnectAsync(0, channel);
        await using var second = await ConnectAsync(1, channel);
        var old = await RelayApi.PublishManyAsync(api, channel, 3);
        await using var redis = await RedisAccess.ConnectAsync(relay);

        await redis.ForgetChannelAsync(channel);
        var fresh = await RelayApi.PublishAsync(api, channel, "fresh");

        Assert.Equal(1, fresh.Offset);
        Assert.NotEqual(old[0].Epoch, fresh.Epoch);
        foreach (var client in new[] { first, second })
        {
            var frames = await client.ReceiveUntilAsync(channel, "fresh");
            Assert.Equal([1L, 2L, 3L, 1L], frames.MessageOffsets());
            var told = Assert.Single(frames, f => f.Type() == "subscribed");
            Assert.Equal(3, frames.IndexOf(told));
            Assert.False(told.Recovered(), told.ToString());
            Assert.Equal(fresh.Epoch, told.Epoch());
            Assert.Equal(0, told.Offset());
            Assert.Equal(fresh.Epoch, frames[^1].Epoch());
        }

        var history = (await RelayApi.GetHistoryAsync(api, channel)).Body;
        Assert.Equal([1L], history.GetProperty("messages").EnumerateArray().Select(m => m.Offset()));
    }

    private async Task<WsTestClient> ConnectAsync(int replica, string channel)
    {
        var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, replica, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        return client;
    }
}
