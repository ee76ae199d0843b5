namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One <c>redis-server</c> of a <see cref="RedisClusterResource"/>, cluster-enabled, its settings (the password among
/// them) in a config file it is given. Its ports are not proxied: a cluster node tells clients where the others listen.
/// </summary>
public sealed class RedisClusterNodeResource(string name, string dataDirectory)
    : ExecutableResource(name, RedisServerResource.ExecutableName, dataDirectory)
{
    public const string PrimaryEndpointName = "tcp";

    /// <summary>The cluster bus (<c>cluster-port</c>), given its own free port rather than Redis's default port + 10000.</summary>
    public const string BusEndpointName = "bus";

    /// <summary>Where its <c>redis.conf</c>, <c>nodes.conf</c> and append-only file are.</summary>
    public string DataDirectory => WorkingDirectory;

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReference BusEndpoint => field ??= new(this, BusEndpointName);
}
