namespace Relay.Api.Flow;

/// <summary>The flow figures' log messages (event ids 20–29): an outage is logged when it starts and when it ends.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "The flow figures cannot be written to Redis: {Reason}. They are skipped until it is back")]
    public static partial void RedisUnreachable(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "The flow figures are written to Redis again")]
    public static partial void RedisReachableAgain(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "The flow figures of this instance could not be removed on stop; they expire by themselves")]
    public static partial void RemoveFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Skipped malformed flow figures in Redis: {Reason}")]
    public static partial void MalformedSnapshot(ILogger logger, string reason);
}
