using Microsoft.Extensions.Logging;

namespace Relay.Flow;

/// <summary>The flow reporter's log messages (event ids 900–909, the same in both services): an outage is logged when it starts and when it ends.</summary>
internal static partial class FlowReporterLog
{
    [LoggerMessage(900, LogLevel.Warning, "The flow figures cannot be written to Redis: {Reason}. They are skipped until it is back")]
    public static partial void RedisUnreachable(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(901, LogLevel.Information, "The flow figures are written to Redis again")]
    public static partial void RedisReachableAgain(ILogger logger);

    [LoggerMessage(902, LogLevel.Debug, "The flow figures of this instance could not be removed on stop; they expire by themselves")]
    public static partial void RemoveFailed(ILogger logger, Exception? exception);
}
