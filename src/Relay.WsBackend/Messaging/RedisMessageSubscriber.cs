using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// One Redis subscription per followed channel (<c>relay:channel:&lt;channel&gt;</c>), each read in order through
/// its own <see cref="ChannelMessageQueue"/>, as SignalR's Redis backplane subscribes per group. StackExchange.Redis
/// re-issues every registered SUBSCRIBE by itself after a reconnect.
/// </summary>
internal sealed class RedisMessageSubscriber(IConnectionMultiplexer redis, ILogger<RedisMessageSubscriber> logger)
    : IMessageSubscriber
{
    private readonly ConcurrentDictionary<string, ChannelMessageQueue> _queues = new(StringComparer.Ordinal);
    private Action<string, ReadOnlyMemory<byte>>? _onMessage;
    private Action? _onResubscribed;
    private volatile bool _stopped;

    public Task StartAsync(Action<string, ReadOnlyMemory<byte>> onMessage, Action onResubscribed, CancellationToken cancellationToken)
    {
        _onMessage = onMessage;
        _onResubscribed = onResubscribed;
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        return Task.CompletedTask;
    }

    public async Task FollowAsync(string channel, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        var subscriber = redis.GetSubscriber();
        if (!_queues.ContainsKey(channel))
        {
            // Fire-and-forget registers the subscription without waiting for Redis, so it exists (and comes back
            // with the connection) even while Redis is down; the PING below is what waits.
            var queue = subscriber.Subscribe(RedisChannel.Literal(RelayChannels.ToRedis(channel)), CommandFlags.FireAndForget);
            _queues[channel] = queue;
            queue.OnMessage(message => Deliver(channel, message));
        }

        // Redis answers a connection's commands in order: once the PING sent after the SUBSCRIBE on the subscription
        // connection is answered, the channel is subscribed.
        await subscriber.PingAsync().WaitAsync(HistoryReader.ReadTimeout, cancellationToken);
    }

    public void Unfollow(string channel)
    {
        if (_queues.TryRemove(channel, out var queue))
        {
            Unsubscribe(queue);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        foreach (var channel in _queues.Keys)
        {
            Unfollow(channel);
        }

        return Task.CompletedTask;
    }

    private void Unsubscribe(ChannelMessageQueue queue)
    {
        try
        {
            // Fire-and-forget: with Redis down an awaited UNSUBSCRIBE would wait out the backlog timeout.
            queue.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is gone: the subscription dies with the connection, and is no longer registered to come back.
            Log.UnsubscribeFailed(logger, ex);
        }
    }

    private void Deliver(string channel, ChannelMessage message)
    {
        // A throwing handler would end the queue's reader loop, and with it every later message of the channel.
        try
        {
            _onMessage?.Invoke(channel, (ReadOnlyMemory<byte>)message.Message);
        }
        catch (Exception ex)
        {
            Log.MessageHandlingFailed(logger, ex);
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
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        try
        {
            Log.RedisConnectionRestored(logger, e.ConnectionType, e.EndPoint?.ToString());

            // Either link may carry the subscriptions (RESP3 has one link only); a resync more costs a few reads.
            _onResubscribed?.Invoke();
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(logger, ex);
        }
    }
}
