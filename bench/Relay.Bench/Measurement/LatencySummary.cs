using System.Text.Json.Nodes;

namespace Relay.Bench.Measurement;

/// <summary>Percentiles of a latency distribution, in milliseconds.</summary>
internal sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max)
{
    public JsonObject ToJson() => new()
    {
        ["count"] = Count,
        ["p50Ms"] = Math.Round(P50, 3),
        ["p90Ms"] = Math.Round(P90, 3),
        ["p99Ms"] = Math.Round(P99, 3),
        ["p999Ms"] = Math.Round(P999, 3),
        ["maxMs"] = Math.Round(Max, 3),
    };
}
