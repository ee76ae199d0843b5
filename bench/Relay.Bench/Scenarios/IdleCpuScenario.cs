using System.Text.Json.Nodes;
using Relay.Bench.Cli;
using Relay.Bench.Hosting;
using Relay.Bench.Measurement;
using Relay.Bench.Reporting;

namespace Relay.Bench.Scenarios;

/// <summary>
/// What each service costs with no traffic at all: the app starts, settles (tiered JIT, pools, the first probes and
/// exports), then the CPU of every process is read over a window. Health probes, the Receiver's proxy probes, the
/// flow figures, presence heartbeats and the telemetry exporters are all in it (with <c>RELAY_BENCH_DASHBOARD=on</c>
/// the exporters really send, to the dashboard).
/// </summary>
internal sealed class IdleCpuScenario(int settleSeconds, int seconds) : IScenario
{
    public const string ScenarioName = "idle-cpu";

    /// <summary>The target: each idle service under 1 % of one core.</summary>
    private const double TargetPercentOfOneCore = 1;

    public string Name => ScenarioName;

    public static IdleCpuScenario FromArguments(BenchArguments arguments) => new(
        arguments.GetInt("settle", 120, 0, 1800),
        arguments.GetInt("seconds", 60, 5, 600));

    public async Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken)
    {
        await using var relay = await RelayUnderTest.StartAsync(Path.Combine(environment.ResultsFolder, "logs", Name), cancellationToken);
        Console.WriteLine($"Settling {settleSeconds} s, then measuring {seconds} s of idle…");
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds), cancellationToken);
        var cpu = new CpuMeter(relay.ProcessIds());
        cpu.Start();
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        var report = cpu.Stop();

        var services = report.Processes.Where(pair => pair.Key != CpuMeter.Client).ToDictionary();
        var worst = services.MaxBy(pair => pair.Value);
        var met = worst.Value < TargetPercentOfOneCore;
        var parameters = new JsonObject
        {
            ["settleSeconds"] = settleSeconds,
            ["seconds"] = seconds,
            ["servicesBuild"] = relay.ServiceBuildConfiguration(),
        };
        var figures = new JsonObject
        {
            ["cpu"] = report.ToJson(),
            ["busiestService"] = worst.Key,
            ["targetMet"] = met,
        };
        var table = new ResultTable($"idle-cpu: no traffic, {seconds} s after {settleSeconds} s to settle")
            .Cpu(report)
            .Verdict($"each service < {TargetPercentOfOneCore} % of one core", met, $"busiest: {worst.Key} {worst.Value:F2} %");
        return new ScenarioReport(Name, parameters, figures, table);
    }
}
