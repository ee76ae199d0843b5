using System.Diagnostics;

namespace Relay.Bench.Measurement;

/// <summary>
/// The CPU each process used between <see cref="Start"/> and <see cref="Stop"/>, as a percentage of one core
/// (the machine has <see cref="Environment.ProcessorCount"/> × 100 %), plus the whole machine's busy share,
/// which also shows load from outside the benchmark.
/// </summary>
internal sealed class CpuMeter(IReadOnlyDictionary<string, int> processes)
{
    /// <summary>The row of the load generator itself.</summary>
    public const string Client = "bench client";

    private readonly Dictionary<string, TimeSpan> _start = [];
    private long _startTimestamp;
    private (long Busy, long Total) _machineStart;

    public void Start()
    {
        _startTimestamp = Stopwatch.GetTimestamp();
        _machineStart = ProcFs.MachineCpu();
        _start[Client] = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var (name, pid) in processes)
        {
            _start[name] = ProcFs.CpuTime(pid);
        }
    }

    public CpuReport Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_startTimestamp);
        var machine = ProcFs.MachineCpu();
        var shares = new Dictionary<string, double>
        {
            [Client] = Percent(Process.GetCurrentProcess().TotalProcessorTime - _start[Client], wall),
        };
        foreach (var (name, pid) in processes)
        {
            shares[name] = Percent(ProcFs.CpuTime(pid) - _start[name], wall);
        }

        var totalJiffies = machine.Total - _machineStart.Total;
        var machineBusy = totalJiffies == 0 ? 0 : 100.0 * (machine.Busy - _machineStart.Busy) / totalJiffies * Environment.ProcessorCount;
        return new CpuReport(shares, machineBusy, wall);
    }

    private static double Percent(TimeSpan cpu, TimeSpan wall) => 100.0 * cpu.TotalSeconds / wall.TotalSeconds;
}
