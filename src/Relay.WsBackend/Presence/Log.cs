using Microsoft.Extensions.Logging;

namespace Relay.WsBackend.Presence;

/// <summary>Presence's log messages (event ids 100–199). Nothing here is logged per join or leave above Debug.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Presence starts as process {ProcessId}: heartbeat every {Heartbeat}, expiry after {Expiry}")]
    public static partial void Started(ILogger logger, string processId, TimeSpan heartbeat, TimeSpan expiry);

    [LoggerMessage(101, LogLevel.Warning, "Presence cannot reach Redis: {Reason}. Joins and leaves are kept locally (their events are lost) and written again when it is back")]
    public static partial void RedisUnreachable(ILogger logger, string reason);

    [LoggerMessage(102, LogLevel.Information, "Presence reaches Redis again")]
    public static partial void RedisReachableAgain(ILogger logger);

    [LoggerMessage(103, LogLevel.Error, "A presence write failed; it is written again with all local members")]
    public static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "Wrote this process's {Count} presence member(s) again ({Leaves} leave(s) and {Joins} join(s) published)")]
    public static partial void Reasserted(ILogger logger, int count, long leaves, long joins);

    [LoggerMessage(105, LogLevel.Information, "Removed {Processes} dead WsBackend process(es) from presence, publishing {Leaves} leave(s)")]
    public static partial void SweptDeadProcesses(ILogger logger, int processes, long leaves);

    [LoggerMessage(106, LogLevel.Warning, "Redis no longer knew presence process {OldId} (it was taken for dead, or Redis lost its data); writing its members again as {NewId}")]
    public static partial void ProcessForgotten(ILogger logger, string oldId, string newId);

    [LoggerMessage(107, LogLevel.Error, "A presence heartbeat failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(108, LogLevel.Information, "Presence stopped: removed this process's members ({Leaves} leave(s) published)")]
    public static partial void Removed(ILogger logger, long leaves);

    [LoggerMessage(109, LogLevel.Warning, "Presence could not remove this process's members on stop; other processes remove them after the expiry")]
    public static partial void RemoveFailed(ILogger logger, Exception? exception);

    [LoggerMessage(111, LogLevel.Warning, "Dropped a malformed presence event of channel {Channel}: {Reason}")]
    public static partial void MalformedEvent(ILogger logger, string channel, string? reason);

    [LoggerMessage(115, LogLevel.Error, "The presence writer stopped unexpectedly")]
    public static partial void WriterFailed(ILogger logger, Exception exception);

    [LoggerMessage(116, LogLevel.Debug, "Presence {Type} of client {Client} in channel {Channel} is left to the next full write: Redis is unreachable or a write failed")]
    public static partial void WriteDropped(ILogger logger, string type, string client, string channel);

    [LoggerMessage(117, LogLevel.Error, "A Redis connection event handler of presence failed")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(118, LogLevel.Warning, "Sweeping {Processes} dead WsBackend process(es) from presence failed; a heartbeat claims what is left again after {Expiry}")]
    public static partial void SweepFailed(ILogger logger, Exception exception, int processes, TimeSpan expiry);
}
