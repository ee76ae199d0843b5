using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Xunit.Sdk;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// The AppHost's model on a Redis Cluster of 3 masters with a replica each, its projects removed: only the cluster runs,
/// for tests of the cluster itself. Its nodes' state is in <see cref="StateDirectory"/>; resource logs go to
/// <c>resource-logs/&lt;log name&gt;/</c>.
/// </summary>
internal sealed class ClusterOnlyApp : IAsyncDisposable
{
    private readonly bool _ownsStateDirectory;
    private bool _stopped;

    private ClusterOnlyApp(DistributedApplication app, string stateDirectory, bool ownsStateDirectory)
    {
        App = app;
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
    }

    public DistributedApplication App { get; }

    public string StateDirectory { get; }

    public RedisClusterResource Cluster => App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RedisClusterResource>().Single();

    /// <summary>How the cluster came up this time: <c>formed</c>, or <c>rejoined</c> from its nodes' saved state.</summary>
    public string? Formation =>
        App.ResourceNotifications.TryGetCurrentState(ResourceNames.Redis, out var redis)
            ? redis.Snapshot.Properties.FirstOrDefault(p => p.Name == RedisClusterExtensions.FormationProperty)?.Value?.ToString()
            : null;

    /// <summary>Starts the cluster and returns once <c>redis</c> is healthy; over <paramref name="stateDirectory"/>, or a new temp folder removed on dispose.</summary>
    public static async Task<ClusterOnlyApp> StartAsync(string logName, string? stateDirectory = null)
    {
        var ownsStateDirectory = stateDirectory is null;
        stateDirectory ??= Directory.CreateTempSubdirectory("relay-cluster-").FullName;
        using var timeout = new CancellationTokenSource(TestTimeouts.AppStart);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
            [
                .. TestCredentials.AppHostArguments,
                "--Relay:RedisCluster:Masters=3",
                "--Relay:RedisCluster:ReplicasPerMaster=1",
                "--Relay:RedisCluster:NodeTimeoutMs=1500",
                "--Relay:RedisAppendOnly=true",
                $"--Relay:StateDirectory={stateDirectory}",
            ],
            timeout.Token);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }

        builder.Services.AddLogging(logging => logging
            .AddFilter(level => level >= LogLevel.Information)
            .AddProvider(new ResourceLogFiles(Path.Combine(AppContext.BaseDirectory, "resource-logs", logName), NullMessageSink.Instance, logName)));
        var app = new ClusterOnlyApp(await builder.BuildAsync(timeout.Token), stateDirectory, ownsStateDirectory);
        try
        {
            await app.App.StartAsync(timeout.Token);
            await app.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Redis, timeout.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public int ProcessIdOf(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{resource} has no process.");

    /// <summary>Stops the app and waits until its nodes' processes are gone, so that a next start finds their files free.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        var pids = Cluster.Nodes.Select(node => TryProcessIdOf(node.Name)).OfType<int>().ToList();
        await App.StopAsync(TestTimeouts.After(TestTimeouts.Recovery));
        var deadline = DateTime.UtcNow + TestTimeouts.Recovery;
        while (pids.Any(ProcStat.IsAlive))
        {
            Assert.True(DateTime.UtcNow < deadline, "A Redis node outlived its AppHost.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
        if (_ownsStateDirectory)
        {
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private int? TryProcessIdOf(string resource)
    {
        try
        {
            return ProcessIdOf(resource);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
