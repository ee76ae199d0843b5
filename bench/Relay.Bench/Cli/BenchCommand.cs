using Relay.Bench.Reporting;
using Relay.Bench.Scenarios;

namespace Relay.Bench.Cli;

/// <summary>Picks the scenario named on the command line, runs it, prints its table and appends its JSON line.</summary>
internal static class BenchCommand
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Relay.Bench -- <scenario> [options]

          fanout   [--target relay|relay-cluster|node|signalr|all[,…]] [--subscribers 200] [--rate 1000] [--seconds 20] [--warmup 3]
                   [--via wsbackend|dcp-proxy|receiver] [--publishers 16]
          publish  [--connections 64] [--seconds 15] [--warmup 3] [--text-length 64]
          idle     [--sockets 2000] [--warmup-sockets 100] [--settle 5] [--channels one|per-socket]
          ingest   [--target relay|relay-cluster|node|signalr|all[,…]] [--connections 32] [--threads 2] [--seconds 10] [--warmup 3]
                   [--channels 1]
          idle-cpu [--settle 120] [--seconds 60]
          connect  [--sockets 2000] [--rounds 3]   a replica's CPU per connect, with a token and without

        Each run starts the whole app (test host, random ports), or a peer (--target node: the seeds' Node stack,
        signalr: ASP.NET Core SignalR on its Redis backplane), prints a table and appends a JSON line to
        bench/results/<scenario>.jsonl. relay-cluster is the app on the AppHost's local Redis Cluster (3 masters, 1
        replica each); a comma-separated --target (relay,relay-cluster) runs each stack alone, one after the other. Resource logs go to bench/results/logs/<scenario>/[<target>/].
        RELAY_BENCH_DASHBOARD=on runs the Aspire dashboard beside Relay (its telemetry exported there); the OTEL_*
        variables of the bench (OTEL_TRACES_SAMPLER, OTEL_SDK_DISABLED…) reach Relay's services.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        IScenario scenario;
        try
        {
            var options = BenchArguments.Parse(args.Skip(1).ToArray());
            scenario = args.FirstOrDefault() switch
            {
                FanoutScenario.ScenarioName => FanoutScenario.FromArguments(options),
                PublishScenario.ScenarioName => PublishScenario.FromArguments(options),
                IdleScenario.ScenarioName => IdleScenario.FromArguments(options),
                IngestScenario.ScenarioName => IngestScenario.FromArguments(options),
                IdleCpuScenario.ScenarioName => IdleCpuScenario.FromArguments(options),
                ConnectScenario.ScenarioName => ConnectScenario.FromArguments(options),
                null or "-h" or "--help" or "help" => throw new UsageException("Name a scenario."),
                var other => throw new UsageException($"Unknown scenario '{other}'."),
            };
            options.ThrowIfUnknownOptions();
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + Usage);
            return 2;
        }

        // Ctrl+C cancels the run; disposal still stops every process the bench started.
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var environment = RunEnvironment.Capture();
        var startedAt = DateTimeOffset.UtcNow;
        Console.WriteLine($"{scenario.Name}: built from {environment.Commit}{(environment.Dirty ? " with uncommitted changes in src/" : "")}, {environment.ProcessorCount} CPUs, load average {environment.LoadAverageAtStart:F2}");
        if (RunEnvironment.TuningVariables().Count > 0)
        {
            Console.WriteLine($"Tuning variables the services inherit: {RunEnvironment.TuningVariables().ToJsonString()}");
        }

        var report = await scenario.RunAsync(environment, cancel.Token);
        Console.WriteLine(report.Table);
        var path = await ResultLog.AppendAsync(environment, startedAt, report);
        Console.WriteLine($"Appended to {Path.GetRelativePath(environment.RepositoryRoot, path)}");
        return 0;
    }
}
