namespace Relay.Receiver.Options;

/// <summary>How the Receiver keeps its list of WsBackend replicas and checks them. Section <c>WsBackendProxy</c>.</summary>
public sealed class WsBackendProxyOptions
{
    public const string SectionName = "WsBackendProxy";

    /// <summary>How often the replicas are resolved again, besides whenever service discovery signals a change.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each replica's <c>/health</c> is probed.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a probe may take before it counts as a failure.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
