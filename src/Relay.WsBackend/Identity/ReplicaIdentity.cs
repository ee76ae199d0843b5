using Microsoft.Extensions.Configuration;
using Relay.Contracts;

namespace Relay.WsBackend.Identity;

/// <summary>Which replica this process is: told to every client in its welcome frame.</summary>
internal sealed record ReplicaIdentity(string Id)
{
    /// <summary><c>service.instance.id</c> (<see cref="ServiceInstance"/>), which the AppHost sets per replica.</summary>
    public static ReplicaIdentity FromConfiguration(IConfiguration configuration) =>
        new(ServiceInstance.Id(configuration[ServiceInstance.ResourceAttributesKey]));
}
