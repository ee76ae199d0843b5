using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// A Redis Cluster of three masters (no replicas) on free loopback ports, its state in a temp folder, and a
/// connection to it. Disposal kills the three <c>redis-server</c>s, also when starting them failed half way (disposal
/// may then run twice).
/// </summary>
public sealed class RedisCluster : IAsyncLifetime
{
    private const int Masters = 3;

    // The cluster bus of a node listens on its port + 10000.
    private const int BusOffset = 10000;

    private readonly List<Process> _servers = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-cluster-").FullName;
    private ConnectionMultiplexer? _connection;

    public ConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The cluster is not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Step);
        try
        {
            var ports = Enumerable.Range(0, Masters).Select(_ => FreeNodePort()).ToArray();
            foreach (var port in ports)
            {
                _servers.Add(Start("redis-server",
                    "--port", $"{port}", "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{port}.conf",
                    "--save", "", "--appendonly", "no", "--dir", _directory, "--daemonize", "no"));
            }

            foreach (var port in ports)
            {
                await WaitUntilListeningAsync(port, timeout.Token);
            }

            var create = Start("redis-cli", ["--cluster", "create", .. ports.Select(p => $"127.0.0.1:{p}"), "--cluster-yes"]);
            await create.WaitForExitAsync(timeout.Token);
            Assert.True(create.ExitCode == 0, $"redis-cli --cluster create exited with {create.ExitCode}");

            var options = new ConfigurationOptions { AbortOnConnectFail = true };
            foreach (var port in ports)
            {
                options.EndPoints.Add(IPAddress.Loopback, port);
            }

            _connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(timeout.Token);
            await WaitUntilClusterOkAsync(timeout.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        foreach (var server in _servers)
        {
            try
            {
                server.Kill();
                await server.WaitForExitAsync().WaitAsync(TestTimeouts.Step);
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }

            server.Dispose();
        }

        _servers.Clear();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Process Start(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilClusterOkAsync(CancellationToken cancellationToken)
    {
        foreach (var endPoint in Connection.GetEndPoints())
        {
            var server = Connection.GetServer(endPoint);
            while (!((string?)await server.ExecuteAsync("CLUSTER", "INFO"))!.Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    // A free port whose cluster bus port is free too.
    private static int FreeNodePort()
    {
        while (true)
        {
            var port = AppHostProcess.FreePort();
            if (port + BusOffset > IPEndPoint.MaxPort)
            {
                continue;
            }

            try
            {
                using var bus = new TcpListener(IPAddress.Loopback, port + BusOffset);
                bus.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: another one.
            }
        }
    }
}
