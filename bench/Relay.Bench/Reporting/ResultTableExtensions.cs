using Relay.Bench.Measurement;

namespace Relay.Bench.Reporting;

internal static class ResultTableExtensions
{
    public static ResultTable Latency(this ResultTable table, string title, LatencySummary latency) => table
        .Section($"{title} ({latency.Count:N0} samples), ms")
        .Row("p50", $"{latency.P50:F2}")
        .Row("p90", $"{latency.P90:F2}")
        .Row("p99", $"{latency.P99:F2}")
        .Row("p99.9", $"{latency.P999:F2}")
        .Row("max", $"{latency.Max:F2}");

    public static ResultTable Cpu(this ResultTable table, CpuReport cpu)
    {
        table.Section($"CPU over the measured {cpu.Wall.TotalSeconds:F1} s, % of one core (machine: {Environment.ProcessorCount * 100} %)");
        foreach (var (name, percent) in cpu.Processes.OrderByDescending(pair => pair.Value))
        {
            table.Row(name, $"{percent:F1}");
        }

        return table
            .Row("sum of the above", $"{cpu.Processes.Values.Sum():F1}")
            .Row("whole machine", $"{cpu.MachineBusy:F1}");
    }

    /// <summary>The CPU table turned into µs per message, and which Redis process had which role.</summary>
    public static ResultTable CpuPerMessage(this ResultTable table, CpuPerMessage perMessage, IReadOnlyDictionary<string, string> redisRoles) => table
        .Section("CPU per message")
        .Row("api, per publish", Measurement.CpuPerMessage.Format(perMessage.ApiPerPublish))
        .Row($"redis masters ({perMessage.Masters}), per publish", Measurement.CpuPerMessage.Format(perMessage.RedisMastersPerPublish))
        .Row($"redis replicas ({perMessage.Replicas}), per publish", Measurement.CpuPerMessage.Format(perMessage.RedisReplicasPerPublish))
        .Row("wsbackend, per delivery", Measurement.CpuPerMessage.Format(perMessage.WsBackendPerDelivery))
        .Row("redis roles", string.Join(", ", redisRoles.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}")));

    public static ResultTable Verdict(this ResultTable table, string target, bool met, string detail) => table
        .Section("Target")
        .Row(target, $"{(met ? "MET" : "NOT MET")} ({detail})");
}
