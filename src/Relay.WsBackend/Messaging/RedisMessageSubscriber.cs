using System.Text.Json;
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

    public async Task StartAsync(Action<MessageEnvelope> onMessage, CancellationToken cancellationToken)
    {
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

    private void Deliver(ChannelMessage message, Action<MessageEnvelope> onMessage)
    {
        // A throwing handler would end the queue's reader loop, and with it every later message.
        try
        {
            var redisChannel = message.Channel.ToString();
            if (TryDecode(redisChannel, message.Message) is not { } envelope)
            {
                return;
            }

            onMessage(envelope);
        }
        catch (Exception ex)
        {
            Log.MessageHandlingFailed(logger, ex);
        }
    }

    private MessageEnvelope? TryDecode(string redisChannel, RedisValue payload)
    {
        MessageEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)payload).Span, ContractsJsonContext.Default.MessageEnvelope);
        }
        catch (JsonException ex)
        {
            Log.MalformedEnvelope(logger, redisChannel, ex.Message);
            return null;
        }

        if (envelope is null || envelope.Id is null || envelope.Sender is null || envelope.Text is null)
        {
            Log.MalformedEnvelope(logger, redisChannel, "a required field is missing");
            return null;
        }

        // Routing follows the Redis channel; an envelope naming another channel comes from a broken publisher.
        if (RelayChannels.FromRedis(redisChannel) != envelope.Channel)
        {
            Log.ChannelMismatch(logger, redisChannel, envelope.Channel);
            return null;
        }

        return envelope;
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
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(logger, ex);
        }
    }
}
