using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// One pattern subscription to <c>relay:channel:*</c>, read in order through a <see cref="ChannelMessageQueue"/>.
/// StackExchange.Redis re-issues the PSUBSCRIBE by itself after a reconnect.
/// </summary>
internal sealed class RedisMessageSubscriber(IConnectionMultiplexer redis, ILogger<RedisMessageSubscriber> logger)
    : IMessageSubscriber
{
    private static readonly RedisChannel s_pattern = RedisChannel.Pattern(RelayChannels.RedisPattern);

    private ChannelMessageQueue? _queue;
    private Action? _onResubscribed;

    public async Task StartAsync(Action<string, ReadOnlyMemory<byte>> onMessage, Action onResubscribed, CancellationToken cancellationToken)
    {
        _onResubscribed = onResubscribed;
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;

        // Fire-and-forget registers the subscription without waiting for Redis, so the replica starts (and serves
        // its sockets) while Redis is down. An awaited subscribe would fail the host after the 5 s backlog timeout,
        // and a retry would leave the first, already registered queue filling with nobody reading it.
        Log.Subscribing(logger, RelayChannels.RedisPattern);
        _queue = await redis.GetSubscriber().SubscribeAsync(s_pattern, CommandFlags.FireAndForget).WaitAsync(cancellationToken);
        _queue.OnMessage(message => Deliver(message, onMessage));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        if (_queue is { } queue)
        {
            _queue = null;
            try
            {
                // Fire-and-forget: with Redis down an awaited PUNSUBSCRIBE would hold shutdown for the backlog timeout.
                await queue.UnsubscribeAsync(CommandFlags.FireAndForget).WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
            {
                // Redis is gone or the host is in a hurry: the subscription dies with the connection anyway.
                Log.UnsubscribeFailed(logger, ex);
            }
        }
    }

    private void Deliver(ChannelMessage message, Action<string, ReadOnlyMemory<byte>> onMessage)
    {
        // A throwing handler would end the queue's reader loop, and with it every later message.
        try
        {
            onMessage(message.Channel.ToString(), (ReadOnlyMemory<byte>)message.Message);
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

            // Either link may carry the subscription (RESP3 has one link only); a resync more costs a few reads.
            _onResubscribed?.Invoke();
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(logger, ex);
        }
    }
}
