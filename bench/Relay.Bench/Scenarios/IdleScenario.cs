using System.Text.Json.Nodes;
using Relay.Bench.Cli;
using Relay.Bench.Clients;
using Relay.Bench.Hosting;
using Relay.Bench.Measurement;
using Relay.Bench.Reporting;
using Relay.Contracts;

namespace Relay.Bench.Scenarios;

/// <summary>
/// Idle-socket memory: N idle WebSockets to one WsBackend replica, then N to a bare Kestrel WebSocket server, each
/// measured the same way (resident set before and after, once things settled), so Relay's own share per socket is
/// the difference. The live GC heap is measured too, with dotnet-gcdump when it is installed: one dump before the
/// settle that precedes the "before" RSS sample, one after the "after" RSS sample, so the full GC each dump induces
/// never falls between the two RSS samples.
/// </summary>
internal sealed class IdleScenario(int sockets, int warmupSockets, int settleSeconds, string channels) : IScenario
{
    public const string ScenarioName = "idle";

    // "Near zero", made a number: under an eighth of Kestrel's own ~16 KiB per idle WebSocket.
    private const double TargetExtraKiBPerSocket = 2;
    private const int ConnectParallelism = 32;
    private const string OneChannel = "one";
    private const string ChannelPerSocket = "per-socket";
    private const string HeapMissing = "not measured (dotnet-gcdump missing or failed)";

    public string Name => ScenarioName;

    public static IdleScenario FromArguments(BenchArguments arguments) => new(
        arguments.GetInt("sockets", 2000, 1, 15_000),
        arguments.GetInt("warmup-sockets", 100, 0, 1000),
        arguments.GetInt("settle", 5, 0, 60),
        arguments.GetChoice("channels", OneChannel, OneChannel, ChannelPerSocket));

    public async Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken)
    {
        await using var relay = await RelayUnderTest.StartAsync(Path.Combine(environment.ResultsFolder, "logs", Name), cancellationToken);
        await using var baseline = await BaselineServer.StartAsync(cancellationToken);

        // One channel (the default, general) is the common case; a channel per socket shows the cost that grows
        // with the followers of one channel apart from the cost of a socket itself.
        var replica = ResourceNames.WsBackend + "-0";
        var relayResult = await MeasureAsync(
            replica, i => relay.WebSocketUri(ResourceNames.WsBackend, 0, channels == OneChannel ? "" : $"channel=idle-{i}"), relay.ProcessId(replica), cancellationToken);
        var baselineResult = await MeasureAsync("kestrel-baseline", _ => baseline.WebSocketUri, baseline.ProcessId, cancellationToken);
        return Report(relay.ServiceBuildConfiguration(), relayResult, baselineResult);
    }

    /// <summary>
    /// Warm-up sockets first (they stay open), so the JIT, the pools and the first-connection costs land before the
    /// "before" sample; then the measured sockets.
    /// </summary>
    private async Task<IdleMeasurement> MeasureAsync(string server, Func<int, Uri> uri, int pid, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{server}: {warmupSockets} warm-up sockets, then {sockets} idle sockets…");
        var warm = await WebSocketConnector.ConnectManyAsync(warmupSockets, ConnectParallelism, (i, token) => IdleSocket.ConnectAsync(uri(sockets + i), token), cancellationToken);
        IdleSocket[] measured = [];
        try
        {
            var heapBefore = await GcHeapSampler.LiveHeapKiBAsync(pid, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(settleSeconds), cancellationToken);
            var before = await RssSampler.MedianKiBAsync(pid, cancellationToken);
            measured = await WebSocketConnector.ConnectManyAsync(sockets, ConnectParallelism, (i, token) => IdleSocket.ConnectAsync(uri(i), token), cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(settleSeconds), cancellationToken);
            var after = await RssSampler.MedianKiBAsync(pid, cancellationToken);
            var heapAfter = heapBefore is null ? null : await GcHeapSampler.LiveHeapKiBAsync(pid, cancellationToken);
            return new IdleMeasurement(server, before, after, heapBefore, heapAfter, sockets, measured.Count(socket => socket.IsOpen));
        }
        finally
        {
            await Task.WhenAll(warm.Concat(measured).Select(socket => socket.StopAsync()));
        }
    }

    private ScenarioReport Report(string build, IdleMeasurement relay, IdleMeasurement baseline)
    {
        var extra = relay.PerSocketKiB - baseline.PerSocketKiB;
        var extraHeap = relay.HeapPerSocketKiB - baseline.HeapPerSocketKiB;
        var met = extra <= TargetExtraKiBPerSocket && relay.StillOpen == sockets;
        var parameters = new JsonObject
        {
            ["sockets"] = sockets,
            ["warmupSockets"] = warmupSockets,
            ["settleSeconds"] = settleSeconds,
            ["channels"] = channels,
            ["servicesBuild"] = build,
        };
        var figures = new JsonObject
        {
            ["relay"] = relay.ToJson(),
            ["baseline"] = baseline.ToJson(),
            ["relayExtraPerSocketKiB"] = Math.Round(extra, 2),
            ["relayExtraHeapPerSocketKiB"] = extraHeap.HasValue ? Math.Round(extraHeap.Value, 2) : null,
            ["targetMet"] = met,
        };

        var table = new ResultTable($"idle: {sockets} idle WebSockets (after {warmupSockets} warm-up sockets), channels: {channels}, RSS{(GcHeapSampler.ToolPath is null ? "" : " and live GC heap")}, services {build}");
        foreach (var result in new[] { relay, baseline })
        {
            table.Section(result.Server)
                .Row("RSS before / after", $"{result.BeforeKiB / 1024.0:F1} / {result.AfterKiB / 1024.0:F1} MiB")
                .Row("RSS per socket", $"{result.PerSocketKiB:F2} KiB")
                .Row("GC heap before / after (live)", result.HeapBeforeKiB is { } heapBefore && result.HeapAfterKiB is { } heapAfter
                    ? FormattableString.Invariant($"{heapBefore / 1024.0:F1} / {heapAfter / 1024.0:F1} MiB") : HeapMissing)
                .Row("GC heap per socket", result.HeapPerSocketKiB is { } perSocket ? FormattableString.Invariant($"{perSocket:F2} KiB") : HeapMissing)
                .Row("sockets still open", $"{result.StillOpen} of {sockets}");
        }

        table.Section("Relay beyond Kestrel").Row("RSS per socket", $"{extra:F2} KiB")
            .Row("GC heap per socket", extraHeap is { } extraHeapKiB ? FormattableString.Invariant($"{extraHeapKiB:F2} KiB") : HeapMissing)
            .Verdict($"Relay's extra RSS per idle socket ≤ {TargetExtraKiBPerSocket} KiB", met, $"{extra:F2} KiB");
        return new ScenarioReport(Name, parameters, figures, table);
    }
}
