using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Messaging;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// One pattern subscription to <c>relay:presence-events:*</c>, apart from the message subscription: each join or
/// leave is encoded once and queued on every local socket following its channel (the member's own socket too).
/// At most once: an event published while this replica is cut off from Redis is lost for its sockets.
/// </summary>
internal sealed class PresenceEventRelay(
    IConnectionMultiplexer redis,
    SubscriptionRegistry subscriptions,
    MessageFanOut fanOut,
    ILogger<PresenceEventRelay> logger)
{
    private static readonly RedisChannel s_pattern = RedisChannel.Pattern(RelayChannels.PresencePattern);

    private ChannelMessageQueue? _queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Fire-and-forget, as for messages: the replica starts while Redis is down, and StackExchange.Redis
        // issues the PSUBSCRIBE on every (re)connect.
        Log.Subscribing(logger, RelayChannels.PresencePattern);
        _queue = await redis.GetSubscriber().SubscribeAsync(s_pattern, CommandFlags.FireAndForget).WaitAsync(cancellationToken);
        _queue.OnMessage(Relay);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is { } queue)
        {
            _queue = null;
            try
            {
                await queue.UnsubscribeAsync(CommandFlags.FireAndForget).WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
            {
                Log.UnsubscribeFailed(logger, ex);
            }
        }
    }

    private void Relay(ChannelMessage message)
    {
        // A throwing handler would end the queue's reader loop, and with it every later event.
        try
        {
            var redisChannel = message.Channel.ToString();
            if (RelayChannels.FromPresenceRedis(redisChannel) is not { } channel)
            {
                return;
            }

            // Nobody here follows the channel: not worth decoding.
            if (!subscriptions.HasSubscribers(channel))
            {
                return;
            }

            if (PresenceFrames.TryEncode(channel, ((ReadOnlyMemory<byte>)message.Message).Span, out var reason) is not { } frame)
            {
                Log.MalformedEvent(logger, redisChannel, reason);
                return;
            }

            // The same fan-out as messages: one broken connection never costs the others their event.
            fanOut.Broadcast(channel, frame);
        }
        catch (Exception ex)
        {
            Log.EventHandlingFailed(logger, ex);
        }
    }
}
