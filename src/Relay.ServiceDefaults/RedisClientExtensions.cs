using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>The shape of Aspire.StackExchange.Redis: one multiplexer from <c>ConnectionStrings:{name}</c>.</summary>
public static class RedisClientExtensions
{
    /// <summary>
    /// Registers one <see cref="IConnectionMultiplexer"/> for the connection string <paramref name="connectionName"/>,
    /// with <c>AbortOnConnectFail=false</c> (it keeps trying in the background) and a health check that PINGs.
    /// It connects while the host starts and counts its reconnects (<c>relay.redis.reconnects</c>).
    /// </summary>
    public static TBuilder AddRedisClient<TBuilder>(
        this TBuilder builder,
        string connectionName,
        Action<ConfigurationOptions>? configure = null) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The connection string 'ConnectionStrings:{connectionName}' is missing. " +
                $"Set ConnectionStrings__{connectionName} (the AppHost does this), e.g. '127.0.0.1:6379,password=…'.");
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ClientName ??= builder.Environment.ApplicationName;
        configure?.Invoke(options);

        builder.Services.TryAddSingleton<RedisClientMetrics>();
        builder.Services.AddSingleton<IConnectionMultiplexer>(
            services => services.GetRequiredService<RedisClientMetrics>().Observe(ConnectionMultiplexer.Connect(options)));

        // Connected while the host starts, not lazily inside the first request that needs Redis: Connect is
        // synchronous, and a burst of first requests would each block a thread-pool thread until it finished.
        // With Redis down, start waits for the connect attempts to time out (about 15 s with the defaults), then the
        // multiplexer keeps retrying in the background.
        builder.Services.ActivateSingleton<IConnectionMultiplexer>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(connectionName, tags: ["ready"]);
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.IsConnected)
            {
                return HealthCheckResult.Unhealthy("Not connected to Redis.");
            }

            try
            {
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis did not answer PING.", ex);
            }
        }
    }
}
