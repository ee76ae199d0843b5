using Microsoft.Extensions.Logging;

namespace Relay.WsBackend.Flow;

/// <summary>The flow reporter's log messages (event ids 200–299): an outage is logged when it starts and when it ends.</summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Warning, "The flow figures cannot be written to Redis: {Reason}. They are skipped until it is back")]
    public static partial void RedisUnreachable(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(201, LogLevel.Information, "The flow figures are written to Redis again")]
    public static partial void RedisReachableAgain(ILogger logger);

    [LoggerMessage(202, LogLevel.Debug, "The flow figures of this replica could not be removed on stop; they expire by themselves")]
    public static partial void RemoveFailed(ILogger logger, Exception? exception);
}
