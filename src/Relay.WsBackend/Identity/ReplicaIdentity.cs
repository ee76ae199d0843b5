using Microsoft.Extensions.Configuration;

namespace Relay.WsBackend.Identity;

/// <summary>Which replica this process is: told to every client in its welcome frame.</summary>
internal sealed record ReplicaIdentity(string Id)
{
    private const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";
    private const string InstanceIdAttribute = "service.instance.id";

    /// <summary>
    /// <c>service.instance.id</c> from <c>OTEL_RESOURCE_ATTRIBUTES</c>, which the AppHost sets per replica;
    /// otherwise <c>&lt;machine&gt;-&lt;pid&gt;</c>, unique enough when run by hand.
    /// </summary>
    public static ReplicaIdentity FromConfiguration(IConfiguration configuration) =>
        new(ParseInstanceId(configuration[ResourceAttributesKey]) ?? $"{Environment.MachineName}-{Environment.ProcessId}");

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
