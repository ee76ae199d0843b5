using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Two Redis subscriptions per followed channel, its messages (<c>relay:{&lt;channel&gt;}:messages</c>) and its joins
/// and leaves, each read in order through its own <see cref="ChannelMessageQueue"/>, as SignalR's Redis backplane
/// subscribes per group. Sharded (<c>SSUBSCRIBE</c>) when the connected Redis is 7.0 or later, as the Api's publish
/// script then uses <c>SPUBLISH</c> (<see cref="RedisPubSub"/>); classic otherwise. StackExchange.Redis sends each
/// sharded subscription to the shard that owns the channel's slot, and re-issues it after a reconnect, a failover
/// (to the promoted replica) or a slot move (following <c>MOVED</c>); what was published meanwhile is what
/// <c>onResubscribed</c> asks the delivery loop to repair.
/// </summary>
internal sealed class RedisMessageSubscriber(IConnectionMultiplexer redis, ILogger<RedisMessageSubscriber> logger)
    : IMessageSubscriber
{
    private static readonly TimeSpan s_confirmPoll = TimeSpan.FromMilliseconds(2);

    private readonly ConcurrentDictionary<string, Followed> _followed = new(StringComparer.Ordinal);
    private readonly Lock _modeGate = new();
    private Action<string, ReadOnlyMemory<byte>>? _onMessage;
    private Action<string, ReadOnlyMemory<byte>>? _onPresenceEvent;
    private Action? _onResubscribed;
    private volatile bool _sharded = true;
    private volatile bool _stopped;

    public Task StartAsync(
        Action<string, ReadOnlyMemory<byte>> onMessage,
        Action<string, ReadOnlyMemory<byte>> onPresenceEvent,
        Action onResubscribed,
        CancellationToken cancellationToken)
    {
        _onMessage = onMessage;
        _onPresenceEvent = onPresenceEvent;
        _onResubscribed = onResubscribed;
        _sharded = ShardedOnServer() ?? true;
        Log.PubSubMode(logger, _sharded ? "sharded" : "classic");
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        redis.HashSlotMoved += OnHashSlotMoved;
        redis.ConfigurationChanged += OnConfigurationChanged;
        return Task.CompletedTask;
    }

    public async Task FollowAsync(string channel, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        Followed followed;
        lock (_modeGate)
        {
            // Fire-and-forget registers the subscriptions without waiting for Redis, so they exist (and come back
            // with the connection) even while Redis is down; the confirmation below is what waits.
            followed = _followed.GetOrAdd(channel, Subscribe);
        }

        await ConfirmAsync(followed, cancellationToken);
    }

    public void Unfollow(string channel)
    {
        lock (_modeGate)
        {
            if (_followed.TryRemove(channel, out var followed))
            {
                Unsubscribe(followed);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        redis.HashSlotMoved -= OnHashSlotMoved;
        redis.ConfigurationChanged -= OnConfigurationChanged;
        foreach (var channel in _followed.Keys)
        {
            Unfollow(channel);
        }

        return Task.CompletedTask;
    }

    private Followed Subscribe(string channel)
    {
        var subscriber = redis.GetSubscriber();
        var messages = subscriber.Subscribe(ToRedisChannel(RelayChannels.ToRedis(channel)), CommandFlags.FireAndForget);
        var presence = subscriber.Subscribe(ToRedisChannel(RelayChannels.ToPresenceRedis(channel)), CommandFlags.FireAndForget);
        messages.OnMessage(message => Hand(_onMessage, channel, message));
        presence.OnMessage(message => Hand(_onPresenceEvent, channel, message));
        return new Followed(messages, presence);
    }

    private RedisChannel ToRedisChannel(string name) => _sharded ? RedisChannel.Sharded(name) : RedisChannel.Literal(name);

    // Redis answers a connection's commands in order: on one Redis, once the PING sent after the SUBSCRIBEs on the
    // subscription connection is answered, they are confirmed. On a cluster the channel's shard may be another node,
    // whose confirmation StackExchange.Redis records as the subscription's endpoint: wait for it, within the timeout.
    private async Task ConfirmAsync(Followed followed, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HistoryReader.ReadTimeout);
        var subscriber = redis.GetSubscriber();
        try
        {
            await subscriber.PingAsync().WaitAsync(timeout.Token);
            while (subscriber.SubscribedEndpoint(followed.Messages.Channel) is null
                || subscriber.SubscribedEndpoint(followed.PresenceEvents.Channel) is null)
            {
                await Task.Delay(s_confirmPoll, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Redis did not confirm the subscription to {followed.Messages.Channel} within {HistoryReader.ReadTimeout}.");
        }
    }

    private void Unsubscribe(Followed followed)
    {
        try
        {
            // Fire-and-forget: with Redis down an awaited UNSUBSCRIBE would wait out the backlog timeout.
            followed.Messages.Unsubscribe(CommandFlags.FireAndForget);
            followed.PresenceEvents.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is gone: the subscription dies with the connection, and is no longer registered to come back.
            Log.UnsubscribeFailed(logger, ex);
        }
    }

    private void Hand(Action<string, ReadOnlyMemory<byte>>? handler, string channel, ChannelMessage message)
    {
        // A throwing handler would end the queue's reader loop, and with it every later message of the channel.
        try
        {
            handler?.Invoke(channel, (ReadOnlyMemory<byte>)message.Message);
        }
        catch (Exception ex)
        {
            Log.MessageHandlingFailed(logger, ex);
        }
    }

    /// <summary>Sharded when every connected Redis is 7.0 or later, classic when one is older; null while none is connected.</summary>
    private bool? ShardedOnServer()
    {
        bool? sharded = null;
        foreach (var server in redis.GetServers())
        {
            if (server.IsConnected)
            {
                sharded = (sharded ?? true) && RedisPubSub.IsSharded(server.Version);
            }
        }

        return sharded;
    }

    // Redis came back, maybe another version of it (an upgrade, a fallback): the subscriptions follow its pub/sub.
    private void FollowServerMode()
    {
        if (_stopped || ShardedOnServer() is not { } sharded || sharded == _sharded)
        {
            return;
        }

        lock (_modeGate)
        {
            _sharded = sharded;
            Log.PubSubMode(logger, sharded ? "sharded" : "classic");
            foreach (var (channel, followed) in _followed.ToArray())
            {
                Unsubscribe(followed);
                _followed[channel] = Subscribe(channel);
            }
        }
    }

    private void Resubscribed(string cause)
    {
        try
        {
            Log.ResyncRequested(logger, cause);
            _onResubscribed?.Invoke();
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(logger, ex);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        try
        {
            Log.RedisConnectionFailed(logger, e.ConnectionType, e.EndPoint?.ToString(), e.FailureType, e.Exception?.Message);
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(logger, ex);
        }

        // On a cluster the channel's shard may come back as another node (a promoted replica): no restore follows.
        Resubscribed("connection failed");
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        try
        {
            Log.RedisConnectionRestored(logger, e.ConnectionType, e.EndPoint?.ToString());
            FollowServerMode();
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(logger, ex);
        }

        // Either link may carry the subscriptions (RESP3 has one link only); a resync more costs a few reads.
        Resubscribed("connection restored");
    }

    private void OnHashSlotMoved(object? sender, HashSlotMovedEventArgs e) => Resubscribed("slot moved");

    private void OnConfigurationChanged(object? sender, EndPointEventArgs e) => Resubscribed("cluster configuration changed");

    private sealed record Followed(ChannelMessageQueue Messages, ChannelMessageQueue PresenceEvents);
}
