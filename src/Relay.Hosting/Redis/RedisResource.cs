using Relay.Hosting.ApplicationModel;

namespace Relay.Hosting.Redis;

/// <summary>
/// A Redis server: redis-server on a free loopback port with a generated password, or the existing
/// Redis named by <c>ConnectionStrings:&lt;name&gt;</c> in the AppHost's configuration.
/// </summary>
public sealed class RedisResource(string name) : IResourceWithConnectionString
{
    public string Name { get; } = name;

    public IList<IResourceAnnotation> Annotations { get; } = [];
}
