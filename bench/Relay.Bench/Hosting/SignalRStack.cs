using Relay.Bench.Clients;

namespace Relay.Bench.Hosting;

/// <summary>
/// bench/Relay.Bench.SignalR twice, on the Redis backplane of their own redis-server: each instance started as
/// <c>dotnet Relay.Bench.SignalR.dll</c> with <c>ASPNETCORE_URLS</c> (copied beside the bench, as the Kestrel
/// baseline). Subscribers alternate between the instances; publishes go to instance 0, and the backplane carries
/// them to instance 1.
/// </summary>
internal sealed class SignalRStack : ITargetStack
{
    private const int Instances = 2;

    private readonly List<ChildProcess> _processes;
    private readonly int[] _ports;

    private SignalRStack(List<ChildProcess> processes, int[] ports)
    {
        _processes = processes;
        _ports = ports;
    }

    public string Target => Targets.SignalR;

    public Uri Api => new($"http://127.0.0.1:{_ports[0]}");

    public static async Task<SignalRStack> StartAsync(string logFolder, CancellationToken cancellationToken)
    {
        var processes = new List<ChildProcess>();
        var stack = new SignalRStack(processes, [.. Enumerable.Range(0, Instances).Select(_ => LoopbackPort.Free())]);
        try
        {
            var (redis, redisPort) = await RedisServer.StartAsync(logFolder, cancellationToken);
            processes.Add(redis);
            var dll = Path.Combine(AppContext.BaseDirectory, "Relay.Bench.SignalR.dll");
            for (var i = 0; i < Instances; i++)
            {
                processes.Add(ChildProcess.Start($"signalr-{i}", DotnetHost.Muxer(), [dll], new Dictionary<string, string>
                {
                    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{stack._ports[i]}",
                    ["ConnectionStrings__redis"] = $"127.0.0.1:{redisPort}",
                    ["INSTANCE_NAME"] = $"signalr-{i}",
                    ["DOTNET_NOLOGO"] = "1",
                }, logFolder));
            }

            for (var i = 0; i < Instances; i++)
            {
                await processes[1 + i].WaitForHttpAsync(new Uri($"http://127.0.0.1:{stack._ports[i]}/health"), cancellationToken);
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    public Uri SubscriberUri(int index, string channel) => new($"ws://127.0.0.1:{_ports[index % Instances]}/hub");

    public SubscriberProtocol SubscriberProtocol(string channel) => new SignalRHubProtocol(channel);

    public IReadOnlyDictionary<string, int> ProcessIds() => _processes.ToDictionary(process => process.Name, process => process.ProcessId);

    public IReadOnlyDictionary<string, string> RedisRoles() => new Dictionary<string, string> { [RedisServer.Name] = RedisRole.Master };

    public string ServicesBuild()
    {
        var commandLine = _processes[1].CommandLine;
        return commandLine.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release"
            : commandLine.Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "unknown";
    }

    public async ValueTask DisposeAsync()
    {
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
}
