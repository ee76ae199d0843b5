using System.Text.Json.Nodes;
using Relay.Bench.Cli;
using Relay.Bench.Clients;
using Relay.Bench.Hosting;
using Relay.Bench.Measurement;
using Relay.Bench.Reporting;

namespace Relay.Bench.Scenarios;

/// <summary>
/// Fan-out: N subscribers on one channel, spread over the WsBackend replicas (directly, or through the Receiver's
/// proxy), and a paced publisher through the Api. Measures publish-send → receive latency past the warm-up, and
/// whether every accepted message reached every subscriber exactly once. <c>--target</c> measures a peer the same
/// way (the Node stack, SignalR), or all three one after the other, with a comparison table.
/// </summary>
internal sealed class FanoutScenario(string target, int subscribers, int rate, int seconds, int warmup, string via, int publishers) : IScenario
{
    public const string ScenarioName = "fanout";
    private const double TargetP99Ms = 25;
    private static readonly TimeSpan s_deliveryGrace = TimeSpan.FromSeconds(5);

    public string Name => ScenarioName;

    public static FanoutScenario FromArguments(BenchArguments arguments)
    {
        var target = arguments.GetString("target", Targets.Relay);
        var via = arguments.GetChoice("via", RelayTarget.ViaWsBackend, RelayTarget.ViaWsBackend, RelayTarget.ViaDcpProxy, RelayTarget.ViaReceiver);
        if (via != RelayTarget.ViaWsBackend && !Targets.Parse(target).All(Targets.IsRelay))
        {
            throw new UsageException("--via is Relay's: the peers' subscribers always connect to each instance directly.");
        }

        return new FanoutScenario(
            target,
            arguments.GetInt("subscribers", 200, 1, 10_000),
            arguments.GetInt("rate", 1000, 1, 100_000),
            arguments.GetInt("seconds", 20, 1, 600),
            arguments.GetInt("warmup", 3, 0, 60),
            via,
            arguments.GetInt("publishers", 16, 1, 512));
    }

    public async Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken)
    {
        var runs = new List<TargetRun>();
        var targets = Targets.Parse(target);
        foreach (var name in targets)
        {
            await using var stack = await Targets.StartAsync(name, environment, Name, via, cancellationToken);
            runs.Add(await MeasureAsync(stack, cancellationToken));
            if (targets.Length > 1)
            {
                Console.WriteLine(runs[^1].Table);
            }
        }

        var parameters = new JsonObject
        {
            ["target"] = target,
            ["subscribers"] = subscribers,
            ["rate"] = rate,
            ["seconds"] = seconds,
            ["warmupSeconds"] = warmup,
            ["via"] = via,
            ["publishers"] = publishers,
        };
        return TargetRun.Report(Name, parameters, runs, () => Comparison(runs));
    }

    private async Task<TargetRun> MeasureAsync(ITargetStack stack, CancellationToken cancellationToken)
    {
        var channel = "bench-" + Guid.NewGuid().ToString("N")[..12];
        var measuredFrom = (long)rate * warmup;
        var total = measuredFrom + ((long)rate * seconds);
        var protocol = stack.SubscriberProtocol(channel);
        var connectVia = Targets.IsRelay(stack.Target) ? via : "each instance";

        Console.WriteLine($"{stack.Target}: connecting {subscribers} subscribers via {connectVia}…");
        var sockets = await WebSocketConnector.ConnectManyAsync(
            subscribers, 16, (i, token) => FanoutSubscriber.ConnectAsync(stack.SubscriberUri(i, channel), protocol, total, measuredFrom, token), cancellationToken);

        using var api = new ApiClient(stack.Api, publishers);
        var cpu = new CpuMeter(stack.ProcessIds());
        var publisher = new PacedPublisher(api, channel, rate, total, measuredFrom, publishers);
        CpuReport cpuReport;
        try
        {
            Console.WriteLine($"{stack.Target}: publishing {total:N0} messages at {rate}/s ({warmup} s warm-up + {seconds} s measured)…");
            await publisher.RunAsync(cpu.Start, cancellationToken);
            cpuReport = cpu.Stop();
            var accepted = publisher.Statuses.Count(status => status == PublishStatus.Accepted);
            await WaitForDeliveryAsync(sockets, accepted, cancellationToken);
        }
        finally
        {
            await Task.WhenAll(sockets.Select(socket => socket.StopAsync()));
        }

        return Report(stack.Target, stack.ServicesBuild(), connectVia, channel, sockets, publisher, cpuReport, stack.RedisRoles());
    }

    /// <summary>Until every subscriber has as many messages as were accepted, or the grace period passed.</summary>
    private static async Task WaitForDeliveryAsync(FanoutSubscriber[] sockets, long accepted, CancellationToken cancellationToken)
    {
        var deadline = BenchClock.After(BenchClock.Now, s_deliveryGrace.TotalSeconds);
        while (BenchClock.Now < deadline && sockets.Any(socket => socket.Received < accepted))
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private TargetRun Report(
        string stackTarget, string build, string connectVia, string channel, FanoutSubscriber[] sockets, PacedPublisher publisher, CpuReport cpu,
        IReadOnlyDictionary<string, string> redisRoles)
    {
        var statuses = publisher.Statuses;
        var acceptedSequences = Enumerable.Range(0, statuses.Count).Where(i => statuses[i] == PublishStatus.Accepted).ToArray();
        var measuredAccepted = acceptedSequences.Count(i => i >= (long)rate * warmup);
        var errors = statuses.Where(status => status != PublishStatus.Accepted).GroupBy(PublishStatus.Describe)
            .ToDictionary(group => group.Key, group => group.Count());
        var lostPerSubscriber = sockets.Select(socket => acceptedSequences.Count(i => !socket.HasSeen(i))).ToArray();
        var lost = lostPerSubscriber.Sum();
        var received = sockets.Select(socket => socket.Received).ToArray();
        var duplicates = sockets.Sum(socket => socket.Duplicates);
        var unexpected = sockets.Sum(socket => socket.Unexpected);
        var failures = sockets.Count(socket => socket.Failure is not null);
        var perReplica = sockets.GroupBy(socket => socket.Replica).OrderBy(group => group.Key).ToDictionary(group => group.Key, group => group.Count());

        var latencyHistogram = new LatencyHistogram();
        foreach (var socket in sockets)
        {
            latencyHistogram.Add(socket.Latency);
        }

        var latency = latencyHistogram.Summarize();
        var publishLatency = publisher.PublishLatency();
        var lag = publisher.ScheduleLag();
        var measuredSeconds = BenchClock.Microseconds(publisher.MeasurementStart, publisher.LastSent) / 1e6;
        var achievedRate = measuredSeconds > 0 ? measuredAccepted / measuredSeconds : 0;
        var met = latency.P99 <= TargetP99Ms && lost == 0 && duplicates == 0 && latency.Count > 0;
        var perMessage = CpuPerMessage.From(cpu, redisRoles, achievedRate, achievedRate * sockets.Length);

        var figures = new JsonObject
        {
            ["target"] = stackTarget,
            ["servicesBuild"] = build,
            ["latency"] = latency.ToJson(),
            ["published"] = statuses.Count(status => status != 0),
            ["accepted"] = acceptedSequences.Length,
            ["publishErrors"] = new JsonObject(errors.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            ["achievedPublishRate"] = Math.Round(achievedRate, 1),
            ["publishLatency"] = publishLatency.ToJson(),
            ["scheduleLag"] = lag.ToJson(),
            ["expectedPerSubscriber"] = acceptedSequences.Length,
            ["receivedPerSubscriberMin"] = received.Min(),
            ["receivedPerSubscriberMax"] = received.Max(),
            ["lost"] = lost,
            ["subscribersWithLosses"] = lostPerSubscriber.Count(count => count > 0),
            ["duplicates"] = duplicates,
            ["unexpectedFrames"] = unexpected,
            ["socketFailures"] = failures,
            ["subscribersPerReplica"] = new JsonObject(perReplica.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            ["cpu"] = cpu.ToJson(),
            ["cpuPerMessage"] = perMessage.ToJson(),
            ["redisRoles"] = new JsonObject(redisRoles.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            ["targetMet"] = met,
        };

        var table = new ResultTable($"fanout {stackTarget}: {subscribers} subscribers via {connectVia}, {rate} msg/s for {seconds} s (+{warmup} s warm-up), services {build}")
            .Section("Subscribers")
            .Row("per instance", string.Join(", ", perReplica.Select(pair => $"{pair.Key}: {pair.Value}")))
            .Row("channel", channel)
            .Section("Publish (POST /api/messages, HTTP/1.1 keep-alive)")
            .Row("published / accepted (202)", $"{statuses.Count(status => status != 0):N0} / {acceptedSequences.Length:N0}")
            .Row("errors", errors.Count == 0 ? "0" : string.Join(", ", errors.Select(pair => $"{pair.Key}: {pair.Value}")))
            .Row("achieved rate (measured)", $"{achievedRate:F1} msg/s")
            .Row("publish round trip p50 / p99", $"{publishLatency.P50:F2} / {publishLatency.P99:F2} ms")
            .Row("schedule lag p99 / max", $"{lag.P99:F2} / {lag.Max:F2} ms")
            .Section("Delivery")
            .Row("expected per subscriber", $"{acceptedSequences.Length:N0}")
            .Row("received per subscriber", $"min {received.Min():N0}, max {received.Max():N0}")
            .Row("lost (all subscribers)", $"{lost:N0} ({lostPerSubscriber.Count(count => count > 0)} subscribers short)")
            .Row("duplicates", $"{duplicates:N0}")
            .Row("unexpected frames", $"{unexpected:N0}")
            .Row("sockets failed", $"{failures}")
            .Latency("Latency publish-send → receive", latency)
            .Cpu(cpu)
            .CpuPerMessage(perMessage, redisRoles)
            .Verdict($"p99 ≤ {TargetP99Ms} ms, nothing lost", met, $"p99 {latency.P99:F2} ms, lost {lost}, duplicates {duplicates}");

        return new TargetRun(stackTarget, build, figures, table);
    }

    /// <summary>The targets side by side, each ratio against the Node stack's, or without it the first target's.</summary>
    private ResultTable Comparison(IReadOnlyList<TargetRun> runs)
    {
        var reference = runs.FirstOrDefault(run => run.Target == Targets.Node) ?? runs[0];
        var baseline = reference.Figures;
        double Figure(JsonObject figures, string name, string percentile) => TargetRun.Number(figures[name]![percentile]);
        double ServicesCpu(JsonObject figures) =>
            figures["cpu"]!["percentOfOneCore"]!.AsObject().Where(pair => pair.Key != CpuMeter.Client).Sum(pair => TargetRun.Number(pair.Value));

        var table = new ResultTable($"fanout, each target alone in turn: {subscribers} subscribers, {rate} msg/s for {seconds} s (+{warmup} s warm-up); ratios vs {reference.Target}");
        foreach (var run in runs)
        {
            var figures = run.Figures;
            table.Section($"{run.Target} (services {run.Build})")
                .Row("latency p50", $"{Figure(figures, "latency", "p50Ms"):F2} ms ({TargetRun.Ratio(Figure(figures, "latency", "p50Ms"), Figure(baseline, "latency", "p50Ms"))})")
                .Row("latency p99", $"{Figure(figures, "latency", "p99Ms"):F2} ms ({TargetRun.Ratio(Figure(figures, "latency", "p99Ms"), Figure(baseline, "latency", "p99Ms"))})")
                .Row("latency p99.9 / max", $"{Figure(figures, "latency", "p999Ms"):F2} / {Figure(figures, "latency", "maxMs"):F2} ms")
                .Row("achieved rate", $"{TargetRun.Number(figures["achievedPublishRate"]):F1} msg/s")
                .Row("lost / duplicates", $"{TargetRun.Number(figures["lost"]):N0} / {TargetRun.Number(figures["duplicates"]):N0}")
                .Row("services CPU", $"{ServicesCpu(figures):F1} % of one core ({TargetRun.Ratio(ServicesCpu(figures), ServicesCpu(baseline))})")
                .Row("bench client CPU", $"{TargetRun.Number(figures["cpu"]!["percentOfOneCore"]![CpuMeter.Client]):F1} %")
                .Row("CPU per publish: api / redis masters / redis replicas", TargetRun.PerMessage(figures, "apiMicrosecondsPerPublish", "redisMastersMicrosecondsPerPublish", "redisReplicasMicrosecondsPerPublish"))
                .Row("CPU per delivery: wsbackend", TargetRun.PerMessage(figures, "wsBackendMicrosecondsPerDelivery"));
        }

        return table;
    }
}
