using System.Diagnostics;
using System.Text.Json.Nodes;
using Relay.Bench.Cli;
using Relay.Bench.Clients;
using Relay.Bench.Hosting;
using Relay.Bench.Measurement;
using Relay.Bench.Reporting;
using Relay.Contracts;
using Relay.Security;

namespace Relay.Bench.Scenarios;

/// <summary>
/// What checking a connection token costs a replica per connect: rounds of <c>sockets</c> connects to one replica,
/// each opened and closed, alternately with a token (HS256, checked: signature, expiry, claims, grants) and without
/// one (the replica allows anonymous followers of public channels for this run, so that path skips the check). The
/// replica's CPU per connect in each mode, medians over the rounds; the difference is the check.
/// </summary>
internal sealed class ConnectScenario(int sockets, int rounds) : IScenario
{
    public const string ScenarioName = "connect";
    private const int Parallelism = 16;

    public string Name => ScenarioName;

    public static ConnectScenario FromArguments(BenchArguments arguments) => new(
        arguments.GetInt("sockets", 2000, 100, 18000),
        arguments.GetInt("rounds", 3, 1, 20));

    public async Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken)
    {
        var inProcess = await TimeTokenCheckAsync();
        Console.WriteLine($"in process: {inProcess:F1} µs per token check");
        await using var relay = await RelayUnderTest.StartAsync(
            Path.Combine(environment.ResultsFolder, "logs", Name), cancellationToken, new Dictionary<string, string> { ["WsBackend__AllowAnonymous"] = "true" });
        var replica = ResourceNames.WsBackend + "-0";
        var uri = relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=connect-bench");
        var pid = relay.ProcessId(replica);

        // A warm-up round of each first: JIT and pools.
        await RoundAsync(uri, pid, authorize: true, cancellationToken);
        await RoundAsync(uri, pid, authorize: false, cancellationToken);
        List<(double CpuUs, double PerSecond)> withToken = [], anonymous = [];
        for (var round = 0; round < rounds; round++)
        {
            withToken.Add(await RoundAsync(uri, pid, authorize: true, cancellationToken));
            anonymous.Add(await RoundAsync(uri, pid, authorize: false, cancellationToken));
            Console.WriteLine($"round {round + 1}: token {withToken[^1].CpuUs:F0} µs/connect, anonymous {anonymous[^1].CpuUs:F0} µs/connect");
        }

        var tokenCpu = Median(withToken.Select(r => r.CpuUs));
        var anonymousCpu = Median(anonymous.Select(r => r.CpuUs));
        var parameters = new JsonObject { ["sockets"] = sockets, ["rounds"] = rounds, ["servicesBuild"] = relay.ServiceBuildConfiguration() };
        var figures = new JsonObject
        {
            ["tokenCpuMicrosecondsPerConnect"] = new JsonArray([.. withToken.Select(r => JsonValue.Create(Math.Round(r.CpuUs, 1)))]),
            ["anonymousCpuMicrosecondsPerConnect"] = new JsonArray([.. anonymous.Select(r => JsonValue.Create(Math.Round(r.CpuUs, 1)))]),
            ["tokenConnectsPerSecond"] = new JsonArray([.. withToken.Select(r => JsonValue.Create(Math.Round(r.PerSecond)))]),
            ["anonymousConnectsPerSecond"] = new JsonArray([.. anonymous.Select(r => JsonValue.Create(Math.Round(r.PerSecond)))]),
            ["medianTokenCheckMicroseconds"] = Math.Round(tokenCpu - anonymousCpu, 1),
            ["inProcessTokenCheckMicroseconds"] = Math.Round(inProcess, 2),
        };
        var table = new ResultTable($"connect: {rounds} rounds of {sockets} connects to one replica, with a token and anonymous, services {relay.ServiceBuildConfiguration()}")
            .Section("replica CPU per connect (median)")
            .Row("with a token", $"{tokenCpu:F0} µs")
            .Row("anonymous", $"{anonymousCpu:F0} µs")
            .Row("the difference", $"{tokenCpu - anonymousCpu:F0} µs ({(tokenCpu - anonymousCpu) / tokenCpu:P0} of a connect)")
            .Row("the token check alone, in this process", $"{inProcess:F1} µs (ConnectionTokenValidator, HS256, median of 5 × 20,000)")
            .Section("connects per second (median)")
            .Row("with a token", $"{Median(withToken.Select(r => r.PerSecond)):F0}")
            .Row("anonymous", $"{Median(anonymous.Select(r => r.PerSecond)):F0}");
        return new ScenarioReport(Name, parameters, figures, table);
    }

    /// <summary>Opens and closes <c>sockets</c> connections; the replica's CPU per connect (µs) and connects per second.</summary>
    private async Task<(double CpuUs, double PerSecond)> RoundAsync(Uri uri, int pid, bool authorize, CancellationToken cancellationToken)
    {
        var cpuBefore = ProcFs.CpuTime(pid);
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, sockets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (_, token) =>
        {
            var (socket, _) = await WebSocketConnector.ConnectAsync(uri, token, authorize);
            using (socket)
            {
                await WebSocketConnector.CloseAsync(socket);
            }
        });
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = ProcFs.CpuTime(pid) - cpuBefore;
        return (cpu.TotalMicroseconds / sockets, sockets / wall.TotalSeconds);
    }

    /// <summary>The check WsBackend makes (signature, lifetime, claims, grants), timed in this process: µs per token.</summary>
    private static async Task<double> TimeTokenCheckAsync()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ConnectionTokenOptions { Secret = BenchCredentials.TokenSecret });
        var validator = new ConnectionTokenValidator(
            options, new JwksKeys(options, new NoHttpClients(), Microsoft.Extensions.Logging.Abstractions.NullLogger<JwksKeys>.Instance));
        const int Checks = 20_000;
        List<double> runs = [];
        for (var run = 0; run < 6; run++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Checks; i++)
            {
                var check = await validator.ValidateAsync(BenchCredentials.Token);
                if (check.Grant is not { } grant || !grant.Allows("connect-bench"))
                {
                    throw new InvalidOperationException($"The bench's token was refused: {check.Reason}");
                }
            }

            runs.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / Checks);
        }

        // The first run warms the JIT.
        return Median(runs.Skip(1));
    }

    private sealed class NoHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No JWKS in this bench.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
