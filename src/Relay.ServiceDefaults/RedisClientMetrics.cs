using System.Diagnostics.Metrics;
using Relay.Contracts;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>The Redis client's own instruments, under the <c>Relay.Redis</c> meter (docs/telemetry.md).</summary>
internal sealed class RedisClientMetrics
{
    public const string MeterName = "Relay.Redis";

    private readonly Counter<long> _reconnects;

    public RedisClientMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _reconnects = meter.CreateCounter<long>(
            RelayInstruments.RedisReconnects, "{reconnect}", "Connections to Redis restored after they failed.");
    }

    /// <summary>Counts every <see cref="IConnectionMultiplexer.ConnectionRestored"/> of <paramref name="redis"/>.</summary>
    public IConnectionMultiplexer Observe(IConnectionMultiplexer redis)
    {
        redis.ConnectionRestored += (_, _) => _reconnects.Add(1);
        return redis;
    }
}
