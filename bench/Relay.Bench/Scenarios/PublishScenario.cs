using System.Text;
using System.Text.Json.Nodes;
using Relay.Bench.Cli;
using Relay.Bench.Clients;
using Relay.Bench.Hosting;
using Relay.Bench.Measurement;
using Relay.Bench.Reporting;
using Relay.Contracts;

namespace Relay.Bench.Scenarios;

/// <summary>
/// Publish throughput: a closed loop of N connections, each sending the next POST /api/messages as soon as the
/// previous one is answered, with no WebSocket subscriber. Counts 202s per second over the measured window and
/// shows how the CPU splits between the load generator and the services.
/// </summary>
internal sealed class PublishScenario(int connections, int seconds, int warmup, int textLength) : IScenario
{
    public const string ScenarioName = "publish";
    private const double TargetPerSecond = 50_000;
    private const int Warming = 0;
    private const int Measuring = 1;
    private const int Stopping = 2;

    private int _phase;
    private long _measureStart;

    public string Name => ScenarioName;

    public static PublishScenario FromArguments(BenchArguments arguments) => new(
        arguments.GetInt("connections", 64, 1, 4096),
        arguments.GetInt("seconds", 15, 1, 600),
        arguments.GetInt("warmup", 3, 0, 60),
        arguments.GetInt("text-length", 64, 1, MessageLimits.MaxTextLength));

    public async Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken)
    {
        await using var relay = await RelayUnderTest.StartAsync(Path.Combine(environment.ResultsFolder, "logs", Name), cancellationToken);
        var body = Encoding.UTF8.GetBytes($$"""{"channel":"bench-publish","sender":"bench","text":"{{new string('x', textLength)}}"}""");
        using var api = new ApiClient(relay.HttpUri(ResourceNames.Api), connections);
        var cpu = new CpuMeter(relay.ProcessIds());

        Console.WriteLine($"Publishing from {connections} connections for {warmup} s warm-up + {seconds} s measured…");
        var workers = Enumerable.Range(0, connections)
            .Select(_ => Task.Run(() => WorkAsync(api, body, cancellationToken), CancellationToken.None))
            .ToArray();
        CpuReport cpuReport;
        long measureEnd;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(warmup), cancellationToken);
            cpu.Start();
            Volatile.Write(ref _measureStart, BenchClock.Now);
            Volatile.Write(ref _phase, Measuring);
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            Volatile.Write(ref _phase, Stopping);
            measureEnd = BenchClock.Now;
            cpuReport = cpu.Stop();
        }
        finally
        {
            Volatile.Write(ref _phase, Stopping);
            await Task.WhenAll(workers);
        }

        var window = BenchClock.Microseconds(_measureStart, measureEnd) / 1e6;
        return Report(relay.ServiceBuildConfiguration(), [.. workers.Select(worker => worker.Result)], window, cpuReport);
    }

    private async Task<WorkerResult> WorkAsync(ApiClient api, byte[] body, CancellationToken cancellationToken)
    {
        var result = new WorkerResult();
        while (Volatile.Read(ref _phase) != Stopping && !cancellationToken.IsCancellationRequested)
        {
            var sent = BenchClock.Now;
            var status = await api.PostAsync(body, cancellationToken);
            var answered = BenchClock.Now;
            // Counted when sent and answered inside the window: neither the warm-up nor the stop leaks in.
            if (Volatile.Read(ref _phase) != Measuring || sent < Volatile.Read(ref _measureStart))
            {
                continue;
            }

            if (status == PublishStatus.Accepted)
            {
                result.Accepted++;
                result.Latency.Record(BenchClock.Microseconds(sent, answered));
            }
            else
            {
                var key = PublishStatus.Describe(status);
                result.Errors[key] = result.Errors.GetValueOrDefault(key) + 1;
            }
        }

        return result;
    }

    private ScenarioReport Report(string build, WorkerResult[] results, double windowSeconds, CpuReport cpu)
    {
        var accepted = results.Sum(result => result.Accepted);
        var errors = results.SelectMany(result => result.Errors).GroupBy(pair => pair.Key)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
        var latencyHistogram = new LatencyHistogram();
        foreach (var result in results)
        {
            latencyHistogram.Add(result.Latency);
        }

        var latency = latencyHistogram.Summarize();
        var perSecond = accepted / windowSeconds;
        var met = perSecond >= TargetPerSecond && errors.Count == 0;

        var parameters = new JsonObject
        {
            ["connections"] = connections,
            ["seconds"] = seconds,
            ["warmupSeconds"] = warmup,
            ["textLength"] = textLength,
            ["servicesBuild"] = build,
        };
        var figures = new JsonObject
        {
            ["acceptedPerSecond"] = Math.Round(perSecond, 1),
            ["accepted"] = accepted,
            ["errors"] = new JsonObject(errors.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            ["latency"] = latency.ToJson(),
            ["cpu"] = cpu.ToJson(),
            ["targetMet"] = met,
        };

        var table = new ResultTable($"publish: {connections} connections, closed loop, {seconds} s (+{warmup} s warm-up), services {build}")
            .Section("Throughput")
            .Row("accepted (202) per second", $"{perSecond:N0}")
            .Row("accepted in the window", $"{accepted:N0}")
            .Row("errors", errors.Count == 0 ? "0" : string.Join(", ", errors.Select(pair => $"{pair.Key}: {pair.Value}")))
            .Latency("Publish round trip (202s)", latency)
            .Cpu(cpu)
            .Verdict($"≥ {TargetPerSecond:N0} msg/s accepted", met, $"{perSecond:N0}/s, {100 * perSecond / TargetPerSecond:F0} % of the target");

        return new ScenarioReport(Name, parameters, figures, table);
    }

    private sealed class WorkerResult
    {
        public long Accepted { get; set; }

        public Dictionary<string, long> Errors { get; } = [];

        public LatencyHistogram Latency { get; } = new();
    }
}
