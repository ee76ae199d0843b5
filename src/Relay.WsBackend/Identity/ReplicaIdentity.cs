using Microsoft.Extensions.Configuration;

namespace Relay.WsBackend.Identity;

/// <summary>Which replica this process is: told to every client in its welcome frame.</summary>
internal sealed record ReplicaIdentity(string Id)
{
    private const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";
    private const string ServiceNameKey = "OTEL_SERVICE_NAME";
    private const string InstanceIdAttribute = "service.instance.id";

    /// <summary>
    /// <c>{OTEL_SERVICE_NAME}-{service.instance.id}</c> from what the AppHost sets per replica, e.g.
    /// <c>wsbackend-qxk2ad7f</c>: the replica's name in the Aspire dashboard. Otherwise
    /// <c>&lt;machine&gt;-&lt;pid&gt;</c>, unique enough when run by hand.
    /// </summary>
    public static ReplicaIdentity FromConfiguration(IConfiguration configuration) =>
        new(ParseInstanceId(configuration[ResourceAttributesKey]) is { } instance
            ? configuration[ServiceNameKey] is { Length: > 0 } service && !instance.StartsWith(service + "-", StringComparison.Ordinal)
                ? $"{service}-{instance}"
                : instance
            : $"{Environment.MachineName}-{Environment.ProcessId}");

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
