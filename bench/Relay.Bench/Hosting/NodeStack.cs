using System.Diagnostics;
using Relay.Bench.Clients;

namespace Relay.Bench.Hosting;

/// <summary>
/// The seeds' Node stack (bench/peers/node-stack): its own redis-server, <c>node api.js</c> (POST → PUBLISH) and two
/// <c>node ws-server.js</c> (PSUBSCRIBE → broadcast), each on a free loopback port. <c>npm ci</c> first when
/// node_modules is missing. Subscribers alternate between the two ws servers, as Relay's between its replicas.
/// </summary>
internal sealed class NodeStack : ITargetStack
{
    private const int WsServers = 2;

    private readonly List<ChildProcess> _processes;
    private readonly int _apiPort;
    private readonly int[] _wsPorts;

    private NodeStack(List<ChildProcess> processes, int apiPort, int[] wsPorts)
    {
        _processes = processes;
        _apiPort = apiPort;
        _wsPorts = wsPorts;
    }

    public string Target => Targets.Node;

    public Uri Api => new($"http://127.0.0.1:{_apiPort}");

    public static async Task<NodeStack> StartAsync(string folder, string logFolder, CancellationToken cancellationToken)
    {
        await EnsurePackagesAsync(folder, cancellationToken);
        var processes = new List<ChildProcess>();
        var stack = new NodeStack(processes, LoopbackPort.Free(), [.. Enumerable.Range(0, WsServers).Select(_ => LoopbackPort.Free())]);
        try
        {
            var (redis, redisPort) = await RedisServer.StartAsync(logFolder, cancellationToken);
            processes.Add(redis);
            var redisUrl = $"redis://127.0.0.1:{redisPort}";
            processes.Add(ChildProcess.Start("node-api", "node", ["api.js"], Variables(stack._apiPort, redisUrl, "node-api"), logFolder, folder));
            for (var i = 0; i < WsServers; i++)
            {
                processes.Add(ChildProcess.Start($"node-ws-{i}", "node", ["ws-server.js"], Variables(stack._wsPorts[i], redisUrl, $"node-ws-{i}"), logFolder, folder));
            }

            await processes[1].WaitForHttpAsync(new Uri(stack.Api, "/health"), cancellationToken);
            for (var i = 0; i < WsServers; i++)
            {
                await processes[2 + i].WaitForHttpAsync(new Uri($"http://127.0.0.1:{stack._wsPorts[i]}/health"), cancellationToken);
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    public Uri SubscriberUri(int index, string channel) => new($"ws://127.0.0.1:{_wsPorts[index % WsServers]}/ws?channel={channel}");

    public SubscriberProtocol SubscriberProtocol(string channel) => Clients.SubscriberProtocol.RelayFrames;

    public IReadOnlyDictionary<string, int> ProcessIds() => _processes.ToDictionary(process => process.Name, process => process.ProcessId);

    public IReadOnlyDictionary<string, string> RedisRoles() => new Dictionary<string, string> { [RedisServer.Name] = RedisRole.Master };

    public string ServicesBuild() => "node " + Run("node", "--version", Environment.CurrentDirectory).Trim();

    public async ValueTask DisposeAsync()
    {
        // The servers before Redis, so they do not log a lost connection; each one even if another fails.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            try
            {
                await process.DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"{process.Name}: {ex.Message}");
            }
        }
    }

    private static Dictionary<string, string> Variables(int port, string redisUrl, string replica) => new()
    {
        ["PORT"] = $"{port}",
        ["REDIS_URL"] = redisUrl,
        ["REPLICA"] = replica,
        ["NODE_ENV"] = "production",
    };

    private static async Task EnsurePackagesAsync(string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            return;
        }

        Console.WriteLine($"npm ci in {folder}…");
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = folder, UseShellExecute = false };
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed with code {npm.ExitCode} in {folder}.");
        }
    }

    private static string Run(string fileName, string argument, string folder)
    {
        var start = new ProcessStartInfo(fileName, [argument]) { WorkingDirectory = folder, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
