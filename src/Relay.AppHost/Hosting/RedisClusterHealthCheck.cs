using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Aspire.Hosting;

/// <summary>
/// Healthy while every master the AppHost reaches reports <c>cluster_state:ok</c>: a killed master's shard is unhealthy
/// until its replica has taken over, then healthy again though the dead node stays down. (AspNetCore.HealthChecks.Redis
/// asks every configured endpoint, so a cluster with one node down would never be healthy again.)
/// </summary>
internal sealed class RedisClusterHealthCheck(RedisClusterResource cluster) : IHealthCheck, IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            var masters = connection.GetServers().Where(server => server.IsConnected && !server.IsReplica).ToList();
            if (masters.Count == 0)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "No master of the cluster answers.");
            }

            foreach (var master in masters)
            {
                var info = await RedisClusterCommands.InfoAsync(master).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!info.IsOk())
                {
                    return new HealthCheckResult(context.Registration.FailureStatus, $"cluster_state:{info.GetValueOrDefault("cluster_state")} on {master.EndPoint}");
                }
            }

            return HealthCheckResult.Healthy($"cluster_state:ok on {masters.Count} masters");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connecting.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                var options = ConfigurationOptions.Parse(await cluster.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"{cluster.Name} has no connection string."));
                options.AllowAdmin = true;
                options.AbortOnConnectFail = false;
                _connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }
}
