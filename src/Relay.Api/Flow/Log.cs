namespace Relay.Api.Flow;

/// <summary>The flow view's log messages (event ids 20–29); the reporter's are in FlowReporterLog.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Skipped malformed flow figures in Redis: {Reason}")]
    public static partial void MalformedSnapshot(ILogger logger, string reason);
}
