using System.Text.Json.Nodes;
using Relay.Bench.Cli;
using Relay.Bench.Clients;
using Relay.Bench.Hosting;
using Relay.Bench.Measurement;
using Relay.Bench.Reporting;
using Relay.Contracts;

namespace Relay.Bench.Scenarios;

/// <summary>
/// Ingest: <c>wrk</c> POSTs one fixed message to a target's <c>/api/messages</c> as fast as it answers (closed loop,
/// N keep-alive connections), with no subscriber. The load client is not the bench's own, so the figure compares
/// with the peers' (the Node stack, SignalR) measured by the same wrk, in the same run with <c>--target all</c>: each
/// stack started alone, warmed up, measured, stopped. CPU per process as in publish, wrk's included.
/// </summary>
internal sealed class IngestScenario(string target, int connections, int threads, int seconds, int warmup, int channels) : IScenario
{
    public const string ScenarioName = "ingest";

    /// <summary>The row of wrk in the CPU table.</summary>
    private const string WrkRow = "wrk";

    public string Name => ScenarioName;

    private string Channels => channels == 1 ? "one channel" : $"{channels:N0} channels in turn";

    public static IngestScenario FromArguments(BenchArguments arguments) => new(
        arguments.GetString("target", Targets.All),
        arguments.GetInt("connections", 32, 1, 4096),
        arguments.GetInt("threads", 2, 1, 64),
        arguments.GetInt("seconds", 10, 1, 600),
        arguments.GetInt("warmup", 3, 0, 60),
        arguments.GetInt("channels", 1, 1, 100_000));

    public async Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken)
    {
        var script = Path.Combine(environment.RepositoryRoot, "bench", "peers", "wrk", "ingest.lua");
        var runs = new List<TargetRun>();
        var targets = Targets.Parse(target);
        foreach (var name in targets)
        {
            await using var stack = await Targets.StartAsync(name, environment, Name, RelayTarget.ViaWsBackend, cancellationToken);
            var messages = new Uri(stack.Api, RelayRoutes.Messages);
            if (warmup > 0)
            {
                Console.WriteLine($"{name}: wrk warm-up, {warmup} s…");
                await WrkRunner.RunAsync(script, messages, threads, connections, warmup, channels, cancellationToken);
            }

            Console.WriteLine($"{name}: wrk -t{threads} -c{connections} -d{seconds}s POST {messages}…");
            var cpu = new CpuMeter(stack.ProcessIds());
            cpu.Start();
            var result = await WrkRunner.RunAsync(script, messages, threads, connections, seconds, channels, cancellationToken);
            var cpuReport = cpu.Stop();
            var processes = new Dictionary<string, double>(cpuReport.Processes) { [WrkRow] = 100 * result.WrkCpu.TotalSeconds / cpuReport.Wall.TotalSeconds };
            runs.Add(Report(name, stack.ServicesBuild(), result, cpuReport with { Processes = processes }, stack.RedisRoles()));
            if (targets.Length > 1)
            {
                Console.WriteLine(runs[^1].Table);
            }
        }

        var parameters = new JsonObject
        {
            ["target"] = target,
            ["connections"] = connections,
            ["threads"] = threads,
            ["seconds"] = seconds,
            ["warmupSeconds"] = warmup,
            ["textLength"] = 64,
            ["channels"] = channels,
            ["loadClient"] = "wrk",
        };
        return TargetRun.Report(Name, parameters, runs, () => Comparison(runs));
    }

    private TargetRun Report(string name, string build, WrkResult result, CpuReport cpu, IReadOnlyDictionary<string, string> redisRoles)
    {
        var perMessage = CpuPerMessage.From(cpu, redisRoles, result.SucceededPerSecond, deliveriesPerSecond: 0);
        var figures = new JsonObject
        {
            ["target"] = name,
            ["servicesBuild"] = build,
            ["succeededPerSecond"] = Math.Round(result.SucceededPerSecond, 1),
            ["wrk"] = result.ToJson(),
            ["cpu"] = cpu.ToJson(),
            ["cpuPerMessage"] = perMessage.ToJson(),
            ["redisRoles"] = new JsonObject(redisRoles.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        };
        var table = new ResultTable($"ingest {name}: wrk, {connections} connections on {threads} threads, {Channels}, closed loop, {seconds} s (+{warmup} s warm-up), services {build}")
            .Section("Throughput")
            .Row("2xx per second", $"{result.SucceededPerSecond:N0}")
            .Row("requests in the window", $"{result.Requests:N0} in {result.Seconds:F2} s")
            .Row("errors", $"non-2xx: {result.StatusErrors:N0}, socket: {result.SocketErrors:N0}")
            .Latency("Round trip (all answers)", result.Latency)
            .Row("mean", $"{result.MeanMs:F2}")
            .Cpu(cpu)
            .CpuPerMessage(perMessage, redisRoles);
        return new TargetRun(name, build, figures, table);
    }

    /// <summary>The targets side by side, each ratio against the Node stack's, or without it the first target's.</summary>
    private ResultTable Comparison(IReadOnlyList<TargetRun> runs)
    {
        var reference = runs.FirstOrDefault(run => run.Target == Targets.Node) ?? runs[0];
        var baseline = reference.Figures;
        static double PerSecond(JsonObject figures) => TargetRun.Number(figures["succeededPerSecond"]);
        static double P99(JsonObject figures) => TargetRun.Number(figures["wrk"]!["latency"]!["p99Ms"]);
        static double ServicesCpu(JsonObject figures) =>
            figures["cpu"]!["percentOfOneCore"]!.AsObject().Where(pair => pair.Key is not CpuMeter.Client and not WrkRow).Sum(pair => TargetRun.Number(pair.Value));

        var table = new ResultTable($"ingest, each target alone in turn: wrk, {connections} connections on {threads} threads, {Channels}, {seconds} s (+{warmup} s warm-up); ratios vs {reference.Target}");
        foreach (var run in runs)
        {
            var figures = run.Figures;
            table.Section($"{run.Target} (services {run.Build})")
                .Row("2xx per second", $"{PerSecond(figures):N0} ({TargetRun.Ratio(PerSecond(figures), PerSecond(baseline))})")
                .Row("latency p50 / p99", $"{TargetRun.Number(figures["wrk"]!["latency"]!["p50Ms"]):F2} / {P99(figures):F2} ms (p99 {TargetRun.Ratio(P99(figures), P99(baseline))})")
                .Row("errors", $"non-2xx {TargetRun.Number(figures["wrk"]!["statusErrors"]):N0}, socket {TargetRun.Number(figures["wrk"]!["socketErrors"]):N0}")
                .Row("services CPU", $"{ServicesCpu(figures):F1} % of one core ({TargetRun.Ratio(ServicesCpu(figures), ServicesCpu(baseline))})")
                .Row("2xx per core-second", $"{PerSecond(figures) / Math.Max(ServicesCpu(figures) / 100, 0.01):N0}")
                .Row("wrk CPU", $"{TargetRun.Number(figures["cpu"]!["percentOfOneCore"]![WrkRow]):F1} %")
                .Row("CPU per publish: api / redis masters / redis replicas", TargetRun.PerMessage(figures, "apiMicrosecondsPerPublish", "redisMastersMicrosecondsPerPublish", "redisReplicasMicrosecondsPerPublish"));
        }

        return table;
    }
}
