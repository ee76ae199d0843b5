using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Relay.WsBackend;

/// <summary>WsBackend's log messages. Nothing here is logged per message at Information or above.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Subscribing to Redis pattern {Pattern}; StackExchange.Redis issues the PSUBSCRIBE on every (re)connect")]
    public static partial void Subscribing(ILogger logger, string pattern);

    [LoggerMessage(2, LogLevel.Warning, "Redis connection failed ({ConnectionType} {EndPoint}, {FailureType}): {Reason}. Messages published until it is restored are lost for this replica")]
    public static partial void RedisConnectionFailed(ILogger logger, ConnectionType connectionType, string? endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(3, LogLevel.Information, "Redis connection restored ({ConnectionType} {EndPoint})")]
    public static partial void RedisConnectionRestored(ILogger logger, ConnectionType connectionType, string? endPoint);

    [LoggerMessage(4, LogLevel.Error, "Handling a Redis message failed; the subscription goes on")]
    public static partial void MessageHandlingFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Dropped a malformed envelope on {RedisChannel}: {Reason}")]
    public static partial void MalformedEnvelope(ILogger logger, string redisChannel, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Dropped an envelope for channel {EnvelopeChannel} published on {RedisChannel}")]
    public static partial void ChannelMismatch(ILogger logger, string redisChannel, string? envelopeChannel);

    [LoggerMessage(7, LogLevel.Warning, "Unsubscribing from Redis failed")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "A Redis connection event handler failed")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "WebSocket opened, following {ChannelCount} channel(s)")]
    public static partial void ConnectionOpened(ILogger logger, int channelCount);

    [LoggerMessage(11, LogLevel.Debug, "WebSocket ended (close status {CloseStatus})")]
    public static partial void ConnectionClosed(ILogger logger, int? closeStatus);

    [LoggerMessage(12, LogLevel.Information, "Closing a slow consumer with 4008: its send queue passed {SendQueueLimitBytes} bytes")]
    public static partial void SlowConsumer(ILogger logger, int sendQueueLimitBytes);

    [LoggerMessage(13, LogLevel.Debug, "Sending to a WebSocket failed; the connection ends")]
    public static partial void SendFailed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Debug, "WebSocket receive ended: {Reason}")]
    public static partial void ReceiveEnded(ILogger logger, string reason);

    [LoggerMessage(15, LogLevel.Warning, "WebSocket receive loop failed")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(16, LogLevel.Debug, "Refused a client frame: {Reason}")]
    public static partial void FrameRefused(ILogger logger, string reason);

    [LoggerMessage(17, LogLevel.Debug, "Closing a WebSocket with {CloseStatus} did not complete; aborted it")]
    public static partial void CloseFailed(ILogger logger, int closeStatus, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Queueing a frame on a WebSocket failed")]
    public static partial void EnqueueFailed(ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Warning, "Refused a WebSocket upgrade: this replica holds its maximum of {MaxConnections} connections")]
    public static partial void ConnectionLimitReached(ILogger logger, int maxConnections);

    [LoggerMessage(20, LogLevel.Information, "Shutting down: closing {Count} WebSocket(s) with 1012")]
    public static partial void ClosingAllConnections(ILogger logger, int count);

    [LoggerMessage(21, LogLevel.Warning, "{Count} WebSocket(s) had not closed when the close timeout passed")]
    public static partial void ConnectionsLeftOpen(ILogger logger, int count);
}
