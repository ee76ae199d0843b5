using Microsoft.Extensions.Configuration;
using Relay.Contracts;

namespace Relay.WsBackend.Identity;

/// <summary>Which replica this process is: told to every client in its welcome frame.</summary>
internal sealed record ReplicaIdentity(string Id)
{
    /// <summary>This replica as <see cref="ServiceInstance"/> names it from what the AppHost sets.</summary>
    public static ReplicaIdentity FromConfiguration(IConfiguration configuration) =>
        new(ServiceInstance.Id(configuration[ServiceInstance.ServiceNameKey], configuration[ServiceInstance.ResourceAttributesKey]));
}
