namespace Relay.Receiver.Options;

/// <summary>
/// How the Receiver keeps its lists of WsBackend replicas (<c>/ws</c>) and Api instances (<c>/api/channels</c>) and
/// checks them. Section <c>WsBackendProxy</c>.
/// </summary>
public sealed class WsBackendProxyOptions
{
    public const string SectionName = "WsBackendProxy";

    /// <summary>How often the destinations are resolved again, besides whenever service discovery signals a change.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often each destination's <c>/health</c> is probed. Two failed probes in a row mark it down, and a
    /// destination left out for an unanswered request is out for two intervals and a timeout.
    /// </summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a probe may take before it counts as a failure.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
