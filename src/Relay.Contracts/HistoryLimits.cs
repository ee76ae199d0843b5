namespace Relay.Contracts;

/// <summary>The defaults and bounds of per-channel history (docs/guarantees.md).</summary>
public static class HistoryLimits
{
    /// <summary>How many messages each channel keeps by default (<c>History:Size</c> in the Api).</summary>
    public const int DefaultSize = 1000;

    /// <summary>The most messages one history read or replay returns.</summary>
    public const int MaxPage = 1000;

    /// <summary>How long an answered <c>Idempotency-Key</c> is remembered.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromMinutes(10);

    /// <summary>The header a publisher sets so that retries publish once.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set on an answer that repeats the first answer to the same <c>Idempotency-Key</c>.</summary>
    public const string IdempotentReplayedHeader = "Idempotent-Replayed";
}
