namespace Relay.WsBackend.Messaging;

/// <summary>
/// Receives, raw, the messages and the joins and leaves of the channels this replica's sockets follow: two broker
/// subscriptions per followed channel, so a replica gets nothing for a channel nobody here follows. On Redis 7 and
/// later they are sharded (<c>SSUBSCRIBE</c>, on the shard that owns the channel's slot); on older Redis, classic.
/// </summary>
/// <remarks>
/// Pub/sub delivery is <b>at most once</b>: a message published while this replica is cut off from the channel's
/// shard (an outage, a failover, the moment a slot moves) never comes through here. Every message carries its
/// channel's offset, and the delivery loop repairs what pub/sub lost from the channel's history, by offset: on the
/// next message after a gap, and when <c>onResubscribed</c> says the subscriptions may have missed something. So
/// each channel reaches a socket in offset order, without holes the history still holds, and a hole it no longer
/// holds is announced (<c>subscribed</c>, <c>recovered:false</c>). One channel's messages are handed over one at a
/// time, in the order the broker delivered them. Joins and leaves are at most once, and not repaired.
/// </remarks>
public interface IMessageSubscriber
{
    /// <summary>
    /// Starts calling <paramref name="onMessage"/> with each message's Relay channel and payload (the bytes are the
    /// caller's to keep), <paramref name="onPresenceEvent"/> with each join or leave, and
    /// <paramref name="onResubscribed"/> each time messages may have been missed: the broker connection failed or was
    /// restored, a slot moved, the cluster's shape changed.
    /// </summary>
    Task StartAsync(
        Action<string, ReadOnlyMemory<byte>> onMessage,
        Action<string, ReadOnlyMemory<byte>> onPresenceEvent,
        Action onResubscribed,
        CancellationToken cancellationToken);

    /// <summary>
    /// Follows <paramref name="channel"/> (again, if already followed: the call is idempotent). Once the task
    /// completes, every message published to the channel afterwards comes through <c>onMessage</c>: a position read
    /// after it misses nothing. The subscription is registered even when the broker cannot confirm it, and comes
    /// back with the connection.
    /// </summary>
    /// <exception cref="StackExchange.Redis.RedisException">The broker did not confirm the subscription.</exception>
    /// <exception cref="TimeoutException">The broker did not confirm it in time.</exception>
    Task FollowAsync(string channel, CancellationToken cancellationToken);

    /// <summary>Stops following <paramref name="channel"/>; a message already on its way may still come through.</summary>
    void Unfollow(string channel);

    /// <summary>Unsubscribes from everything; no call to the handlers starts afterwards.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
