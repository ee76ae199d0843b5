using Relay.Contracts;

namespace Relay.Api.Options;

/// <summary>How much of each channel's history Redis keeps, bound from the <c>History</c> configuration section.</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "History";

    public const int MinSize = 10;
    public const int MaxSize = 100_000;
    public static readonly TimeSpan MinIdleTtl = TimeSpan.FromMinutes(1);

    // Far beyond any sensible idle time, and far from the overflow of Redis's absolute expiry in milliseconds.
    public static readonly TimeSpan MaxIdleTtl = TimeSpan.FromDays(365);

    /// <summary>
    /// About how many messages each channel keeps (trimmed with <c>XADD MAXLEN ~</c>: Redis may keep a few more).
    /// A client that falls further behind than this cannot recover and is told so.
    /// </summary>
    public int Size { get; set; } = HistoryLimits.DefaultSize;

    /// <summary>
    /// How long a channel nobody publishes on keeps its history and position. Past it both are gone, and the next
    /// message starts a new epoch at offset 1.
    /// </summary>
    public TimeSpan IdleTtl { get; set; } = TimeSpan.FromHours(24);
}
