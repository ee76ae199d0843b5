using System.Text.Json.Nodes;
using Relay.Bench.Cli;
using Relay.Bench.Clients;
using Relay.Bench.Hosting;
using Relay.Bench.Measurement;
using Relay.Bench.Reporting;
using Relay.Contracts;

namespace Relay.Bench.Scenarios;

/// <summary>
/// Fan-out: N subscribers on one channel, spread over the WsBackend replicas (directly, or through the Receiver's
/// proxy), and a paced publisher through the Api. Measures publish-send → receive latency past the warm-up, and
/// whether every accepted message reached every subscriber exactly once.
/// </summary>
internal sealed class FanoutScenario(int subscribers, int rate, int seconds, int warmup, string via, int publishers) : IScenario
{
    public const string ScenarioName = "fanout";
    /// <summary>Each replica's own port, spread evenly.</summary>
    private const string ViaWsBackend = "wsbackend";

    /// <summary>DCP's proxy in front of the replicas (<c>services__wsbackend__http__0</c>).</summary>
    private const string ViaDcpProxy = "dcp-proxy";

    /// <summary>The Receiver's YARP, then DCP's proxy: the path a Receiver page takes.</summary>
    private const string ViaReceiver = "receiver";
    private const double TargetP99Ms = 25;
    private static readonly TimeSpan s_deliveryGrace = TimeSpan.FromSeconds(5);

    public string Name => ScenarioName;

    public static FanoutScenario FromArguments(BenchArguments arguments) => new(
        arguments.GetInt("subscribers", 200, 1, 10_000),
        arguments.GetInt("rate", 1000, 1, 100_000),
        arguments.GetInt("seconds", 20, 1, 600),
        arguments.GetInt("warmup", 3, 0, 60),
        arguments.GetChoice("via", ViaWsBackend, ViaWsBackend, ViaDcpProxy, ViaReceiver),
        arguments.GetInt("publishers", 16, 1, 512));

    public async Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken)
    {
        await using var relay = await RelayUnderTest.StartAsync(Path.Combine(environment.ResultsFolder, "logs", Name), cancellationToken);
        var channel = "bench-" + Guid.NewGuid().ToString("N")[..12];
        var measuredFrom = (long)rate * warmup;
        var total = measuredFrom + ((long)rate * seconds);
        var replicas = relay.ReplicaCount(ResourceNames.WsBackend);
        Uri SubscriberUri(int i) => via switch
        {
            ViaReceiver => relay.WebSocketUri(ResourceNames.Receiver, 0, $"channel={channel}"),
            ViaDcpProxy => relay.ProxiedWebSocketUri(ResourceNames.WsBackend, $"channel={channel}"),
            _ => relay.WebSocketUri(ResourceNames.WsBackend, i % replicas, $"channel={channel}"),
        };

        Console.WriteLine($"Connecting {subscribers} subscribers via {via}…");
        var sockets = await WebSocketConnector.ConnectManyAsync(
            subscribers, 16, (i, token) => FanoutSubscriber.ConnectAsync(SubscriberUri(i), total, measuredFrom, token), cancellationToken);

        using var api = new ApiClient(relay.HttpUri(ResourceNames.Api), publishers);
        var cpu = new CpuMeter(relay.ProcessIds());
        var publisher = new PacedPublisher(api, channel, rate, total, measuredFrom, publishers);
        CpuReport cpuReport;
        try
        {
            Console.WriteLine($"Publishing {total:N0} messages at {rate}/s ({warmup} s warm-up + {seconds} s measured)…");
            await publisher.RunAsync(cpu.Start, cancellationToken);
            cpuReport = cpu.Stop();
            var accepted = publisher.Statuses.Count(status => status == PublishStatus.Accepted);
            await WaitForDeliveryAsync(sockets, accepted, cancellationToken);
        }
        finally
        {
            await Task.WhenAll(sockets.Select(socket => socket.StopAsync()));
        }

        return Report(relay.ServiceBuildConfiguration(), channel, sockets, publisher, cpuReport);
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

    private ScenarioReport Report(string build, string channel, FanoutSubscriber[] sockets, PacedPublisher publisher, CpuReport cpu)
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

        var parameters = new JsonObject
        {
            ["subscribers"] = subscribers,
            ["rate"] = rate,
            ["seconds"] = seconds,
            ["warmupSeconds"] = warmup,
            ["via"] = via,
            ["publishers"] = publishers,
            ["servicesBuild"] = build,
        };
        var figures = new JsonObject
        {
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
            ["targetMet"] = met,
        };

        var table = new ResultTable($"fanout: {subscribers} subscribers via {via}, {rate} msg/s for {seconds} s (+{warmup} s warm-up), services {build}")
            .Section("Subscribers")
            .Row("per replica", string.Join(", ", perReplica.Select(pair => $"{pair.Key}: {pair.Value}")))
            .Row("channel", channel)
            .Section("Publish (Api, HTTP/1.1 keep-alive)")
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
            .Verdict($"p99 ≤ {TargetP99Ms} ms, nothing lost", met, $"p99 {latency.P99:F2} ms, lost {lost}, duplicates {duplicates}");

        return new ScenarioReport(Name, parameters, figures, table);
    }
}
