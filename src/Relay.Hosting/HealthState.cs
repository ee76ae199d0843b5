namespace Relay.Hosting;

/// <summary>The health of an instance, known only while it is Running.</summary>
public enum HealthState
{
    Unknown,
    Healthy,
    Unhealthy,
}
