namespace Relay.Api.Messaging;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Publishing fails: Redis is unreachable (first failure on channel {Channel}); answering 503 until it is back")]
    public static partial void RedisUnreachable(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Publishing works again: Redis is reachable")]
    public static partial void RedisReachableAgain(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Message {MessageId} on channel {Channel} was not published: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string messageId, string channel, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
        Message = "A publish on channel {Channel} repeated an Idempotency-Key: answered message {MessageId} again, published nothing")]
    public static partial void PublishReplayed(ILogger logger, string channel, string messageId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug,
        Message = "A publish on channel {Channel} reused the Idempotency-Key of message {MessageId} for a different message: refused")]
    public static partial void IdempotencyKeyReused(ILogger logger, string channel, string messageId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "The history of channel {Channel} could not be read: {Reason}")]
    public static partial void HistoryReadFailed(ILogger logger, string channel, string reason);
}
