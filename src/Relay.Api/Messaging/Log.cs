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
}
