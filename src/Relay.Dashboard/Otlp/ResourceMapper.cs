using OpenTelemetry.Proto.Resource.V1;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Otlp;

internal static class ResourceMapper
{
    // The OpenTelemetry SDKs' default when a service sets no name.
    private const string UnknownService = "unknown_service";

    /// <summary>A service that sends no <c>service.instance.id</c> is a single instance named after the service.</summary>
    public static ResourceKey Map(Resource? resource, StringPool pool)
    {
        string? service = null;
        string? instance = null;
        foreach (var attribute in resource?.Attributes ?? [])
        {
            switch (attribute.Key)
            {
                case "service.name":
                    service = AnyValueFormatter.Format(attribute.Value);
                    break;
                case "service.instance.id":
                    instance = AnyValueFormatter.Format(attribute.Value);
                    break;
            }
        }

        service = string.IsNullOrEmpty(service) ? UnknownService : service;
        instance = string.IsNullOrEmpty(instance) ? service : instance;
        return new ResourceKey(pool.Intern(service), pool.Intern(instance));
    }
}
