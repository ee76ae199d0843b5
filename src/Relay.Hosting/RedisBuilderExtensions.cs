using Relay.Hosting.ApplicationModel;
using Relay.Hosting.Redis;

namespace Relay.Hosting;

/// <summary>Declares Redis.</summary>
public static class RedisBuilderExtensions
{
    /// <summary>
    /// Starts redis-server (from PATH) bound to 127.0.0.1 with a generated password, persisting to the state
    /// folder in run mode; or, when <c>ConnectionStrings:&lt;name&gt;</c> is configured, uses that Redis instead.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name));
}
