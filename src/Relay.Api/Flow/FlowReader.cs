using System.Text.Json;
using Relay.Contracts;
using Relay.Contracts.Flow;
using StackExchange.Redis;

namespace Relay.Api.Flow;

/// <summary>Reads every instance's fresh <see cref="FlowSnapshot"/> from Redis in one round trip (<see cref="FlowScripts.Read"/>).</summary>
internal sealed class FlowReader(IConnectionMultiplexer redis, ILogger<FlowReader> logger)
{
    // The index's scores are expiry times: a snapshot is fresh while its score is above now + this.
    private static readonly long s_freshScoreMargin = (long)(FlowLimits.Expiry - FlowLimits.StaleAfter).TotalMilliseconds;

    /// <summary>The snapshots; throws <see cref="RedisException"/> or <see cref="TimeoutException"/> when Redis is unreachable.</summary>
    public async Task<List<FlowSnapshot>> ReadAsync(CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase()
            .ScriptEvaluateAsync(FlowScripts.Read, [RelayKeys.FlowNodes], [RelayKeys.FlowNodePrefix, s_freshScoreMargin])
            .WaitAsync(cancellationToken);

        var values = (RedisResult[])result!;
        var snapshots = new List<FlowSnapshot>(values.Length);
        foreach (var value in values)
        {
            // Nil: the key expired between the index read and MGET, i.e. the instance is gone.
            if (value.IsNull)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize((byte[])value!, ContractsJsonContext.Default.FlowSnapshot) is { } snapshot)
                {
                    snapshots.Add(snapshot);
                }
            }
            catch (JsonException ex)
            {
                Log.MalformedSnapshot(logger, ex.Message);
            }
        }

        return snapshots;
    }
}
