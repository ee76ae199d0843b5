using System.Text.Json.Nodes;

namespace Relay.Bench.Measurement;

/// <summary>
/// CPU use over a measured window, each figure in % of one core: <see cref="MachineBusy"/> counts every process
/// on the machine, so what it has beyond the sum of <see cref="Processes"/> came from outside the benchmark.
/// </summary>
internal sealed record CpuReport(IReadOnlyDictionary<string, double> Processes, double MachineBusy, TimeSpan Wall)
{
    public JsonObject ToJson()
    {
        var processes = new JsonObject();
        foreach (var (name, percent) in Processes)
        {
            processes[name] = Math.Round(percent, 1);
        }

        return new JsonObject
        {
            ["percentOfOneCore"] = processes,
            ["machineBusyPercentOfOneCore"] = Math.Round(MachineBusy, 1),
            ["machineCapacityPercent"] = Environment.ProcessorCount * 100,
            ["windowSeconds"] = Math.Round(Wall.TotalSeconds, 2),
        };
    }
}
