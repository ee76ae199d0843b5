namespace Relay.Contracts;

/// <summary>
/// Which instance of a service this process is: <c>service.instance.id</c> from <c>OTEL_RESOURCE_ATTRIBUTES</c>,
/// which the AppHost sets per replica, so that the telemetry and the flow figures name a replica alike.
/// </summary>
public static class ServiceInstance
{
    /// <summary>The environment variable (and configuration key) that carries the resource attributes.</summary>
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";

    private const string InstanceIdAttribute = "service.instance.id";

    /// <summary>The instance id in <paramref name="resourceAttributes"/>, else <c>&lt;machine&gt;-&lt;pid&gt;</c>, unique enough when run by hand.</summary>
    public static string Id(string? resourceAttributes) =>
        ParseInstanceId(resourceAttributes) ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Reads the W3C-baggage-like list <c>k1=v1,k2=v2</c> (values may be percent-encoded).</summary>
    public static string? ParseInstanceId(string? resourceAttributes)
    {
        if (string.IsNullOrWhiteSpace(resourceAttributes))
        {
            return null;
        }

        foreach (var pair in resourceAttributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=');
            if (separator > 0 && pair.AsSpan(0, separator).Trim().SequenceEqual(InstanceIdAttribute))
            {
                var value = Uri.UnescapeDataString(pair[(separator + 1)..].Trim());
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
