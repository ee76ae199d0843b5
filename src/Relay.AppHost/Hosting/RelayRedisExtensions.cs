using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Redis under one connection name, four ways; the services never know which (docs/architecture.md).</summary>
public static class RelayRedisExtensions
{
    /// <summary>Set to <c>container</c> to run Redis with Aspire.Hosting.Redis's container (needs a container engine).</summary>
    public const string ModeKey = "Relay:Redis";

    /// <summary><c>false</c>: the local <c>redis-server</c> keeps no append-only file (its data is gone when it stops).</summary>
    public const string AppendOnlyKey = "Relay:RedisAppendOnly";

    /// <summary>
    /// <c>ConnectionStrings:{name}</c> given: that Redis, nothing started. Publish mode, or <c>Relay:Redis=container</c>:
    /// Aspire's Redis container. <c>Relay:RedisCluster:Masters</c> 3 or more: a local Redis Cluster
    /// (<see cref="RedisClusterExtensions.AddRedisCluster"/>). Otherwise a local <c>redis-server</c> process (<see cref="AddRedisServer"/>).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRelayRedis(this IDistributedApplicationBuilder builder, string name)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }

        if (builder.ExecutionContext.IsPublishMode
            || string.Equals(builder.Configuration[ModeKey], "container", StringComparison.OrdinalIgnoreCase))
        {
            return builder.AddRedis(name);
        }

        var configuration = builder.Configuration;
        var masters = configuration.GetValue(RedisClusterExtensions.MastersKey, 0);
        return masters == 0
            ? builder.AddRedisServer(name).WithRestartOnCrash()
            : builder.AddRedisCluster(
                name,
                masters,
                configuration.GetValue(RedisClusterExtensions.ReplicasPerMasterKey, 1),
                configuration.GetValue(RedisClusterExtensions.NodeTimeoutKey, 2000));
    }

    /// <summary>
    /// <c>redis-server</c> on loopback with a generated password, append-only file (<c>everysec</c>) in
    /// <c>{Relay:StateDirectory}/redis</c>, and a PING health check that dependants' <c>WaitFor</c> waits on.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        var dataDirectory = Path.Combine(RelayState.Directory(builder), "redis");
        EnsureRedisServerOnPath(builder, name);

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var redis = new RedisServerResource(name, dataDirectory, password);
        var configFile = Path.Combine(dataDirectory, "redis.conf");
        var appendOnly = builder.Configuration.GetValue(AppendOnlyKey, true);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, ct) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(ct).ConfigureAwait(false));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) =>
            await RedisServerConfig.WriteAsync(configFile, dataDirectory, appendOnly, await password.GetValueAsync(ct).ConfigureAwait(false), ct)
                .ConfigureAwait(false));

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("Redis's connection string is not known yet."),
            name: healthCheckKey);

        // Not proxied: every Redis command of every service would otherwise cross one more process.
        return builder.AddResource(redis)
            .WithEndpoint(name: RedisServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey);
    }

    internal static void EnsureRedisServerOnPath(IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsRunMode && ExecutableOnPath(RedisServerResource.ExecutableName) is null)
        {
            throw new DistributedApplicationException(
                $"{RedisServerResource.ExecutableName} was not found on PATH. Install it (Debian: sudo apt-get install redis-server), " +
                $"or use an existing Redis (ConnectionStrings__{name}=host:port,password=… or --ConnectionStrings:{name}=…), " +
                $"or Aspire's Redis container where a container engine runs (--{ModeKey}=container).");
        }
    }

    private static string? ExecutableOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
