namespace Relay.Contracts;

/// <summary>
/// Which instance of a service this process is, from what the AppHost sets per replica (<c>OTEL_SERVICE_NAME</c> and
/// <c>service.instance.id</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>), so that the welcome frames, the flow figures and the
/// Aspire dashboard name a replica alike: <c>wsbackend-qxk2ad7f</c>.
/// </summary>
public static class ServiceInstance
{
    /// <summary>The environment variable (and configuration key) that carries the resource attributes.</summary>
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>The environment variable (and configuration key) that carries the service's name.</summary>
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    private const string InstanceIdAttribute = "service.instance.id";

    /// <summary>
    /// <c>{serviceName}-{service.instance.id}</c> (the replica's resource name in the Aspire dashboard), the instance id
    /// alone without a service name, else <c>&lt;machine&gt;-&lt;pid&gt;</c>, unique enough when run by hand.
    /// </summary>
    public static string Id(string? serviceName, string? resourceAttributes) =>
        ParseInstanceId(resourceAttributes) is not { } instance ? $"{Environment.MachineName}-{Environment.ProcessId}"
        : string.IsNullOrEmpty(serviceName) || instance.StartsWith(serviceName + "-", StringComparison.Ordinal) ? instance
        : $"{serviceName}-{instance}";

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
