namespace Relay.Contracts.Flow;

/// <summary>The cadence of the flow figures each Api and WsBackend instance writes to Redis (docs/telemetry.md).</summary>
public static class FlowLimits
{
    /// <summary>How often each instance writes its figures; every rate it writes is over its last interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The expiry of an instance's figures: a process that died leaves no figures behind for longer.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Figures older than this (by Redis's clock) are left out of the view before they expire: their instance
    /// missed two writes, so it is gone or cut off from Redis, and its last rates would be shown frozen.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2.5);
}
