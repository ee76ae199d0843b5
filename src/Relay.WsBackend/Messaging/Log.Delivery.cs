using Microsoft.Extensions.Logging;

namespace Relay.WsBackend;

/// <summary>The delivery loop's log messages beyond those in Log.cs (event ids 33–39).</summary>
internal static partial class Log
{
    [LoggerMessage(33, LogLevel.Warning, "Channel {Channel}: dropped offset {Offset} of epoch {Epoch}, older than the channel's epoch {CurrentEpoch}")]
    public static partial void OlderEpochDropped(ILogger logger, string channel, long offset, string epoch, string currentEpoch);

    [LoggerMessage(34, LogLevel.Debug, "Channel {Channel}: held back offset {Offset} until the history repair succeeds; it comes from the history then")]
    public static partial void HeldForRepair(ILogger logger, string channel, long offset);

    [LoggerMessage(35, LogLevel.Debug, "Resyncing with Redis again in {Delay}")]
    public static partial void ResyncRetryArmed(ILogger logger, TimeSpan delay);

    [LoggerMessage(36, LogLevel.Warning, "Channel {Channel}: Redis went back from offset {LastOffset} to {Offset} of epoch {Epoch} (it lost its last writes); the offsets after it will be reused")]
    public static partial void OffsetsRolledBack(ILogger logger, string channel, string epoch, long lastOffset, long offset);
}
