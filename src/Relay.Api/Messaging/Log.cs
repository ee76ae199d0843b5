namespace Relay.Api.Messaging;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Publishing message {MessageId} on channel {Channel} failed: Redis is unreachable")]
    public static partial void RedisUnreachable(ILogger logger, string messageId, string channel, Exception exception);
}
