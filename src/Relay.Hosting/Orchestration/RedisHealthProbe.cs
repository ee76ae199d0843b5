using Relay.Hosting.Redis;

namespace Relay.Hosting.Orchestration;

/// <summary>Healthy when Redis answers AUTH and PING within 2 s.</summary>
internal sealed class RedisHealthProbe(RedisEndpoint endpoint) : IHealthProbe
{
    public string Description { get; } = $"PING {endpoint.Host}:{endpoint.Port}";

    public Task<bool> CheckAsync(CancellationToken cancellationToken) =>
        RedisPing.PingAsync(endpoint, TimeSpan.FromSeconds(2), cancellationToken);
}
