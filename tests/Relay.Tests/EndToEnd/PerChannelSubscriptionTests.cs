using Relay.Contracts;
using Relay.Tests.Infrastructure;
using StackExchange.Redis;

namespace Relay.Tests.EndToEnd;

/// <summary>
/// A WsBackend replica holds a Redis subscription for a channel exactly while one of its sockets follows it, so a
/// replica receives nothing for channels it does not serve (read from Redis: <c>PUBSUB SHARDNUMSUB</c>).
/// </summary>
[Collection(RelayAppCollection.Name)]
public sealed class PerChannelSubscriptionTests(RelayApp relay)
{
    [Fact]
    public async Task Replica_SubscribesToAChannel_OnlyWhileOneOfItsSocketsFollowsIt()
    {
        var channel = RelayApi.UniqueChannel("per-channel");
        await using var redis = await RedisAccess.ConnectAsync(relay);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        Assert.Equal(0, await SubscribersAsync(redis, channel));

        var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await using (first)
        {
            await first.ReceiveSubscribedAsync(channel);

            // Confirmed before the position was read, so before the subscribed frame.
            Assert.Equal(1, await SubscribersAsync(redis, channel));

            await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}"));
            await second.ReceiveSubscribedAsync(channel);
            Assert.Equal(2, await SubscribersAsync(redis, channel));

            // A second socket on the same replica shares its subscription.
            await using var third = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}"));
            await third.ReceiveSubscribedAsync(channel);
            Assert.Equal(2, await SubscribersAsync(redis, channel));

            await second.UnsubscribeAsync(channel);
            var text = Publisher.UniqueText("still-served");
            await RelayApi.PublishAsync(api, channel, text);
            await first.ReceiveMessageAsync(text);
            await third.ReceiveMessageAsync(text);
            Assert.Equal(2, await SubscribersAsync(redis, channel));
        }

        // Every follower gone: both replicas leave the channel.
        await WaitForSubscribersAsync(redis, channel, 0);
    }

    private static async Task<long> SubscribersAsync(RedisAccess redis, string channel)
    {
        var result = await redis.Database.ExecuteAsync("PUBSUB", "SHARDNUMSUB", RelayChannels.ToRedis(channel)).WaitAsync(TestTimeouts.Step);
        return (long)((RedisResult[])result!)[1];
    }

    private static async Task WaitForSubscribersAsync(RedisAccess redis, string channel, long expected)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Step);
        var seen = await SubscribersAsync(redis, channel);
        while (seen != expected && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
            seen = await SubscribersAsync(redis, channel);
        }

        Assert.Equal(expected, seen);
    }
}
