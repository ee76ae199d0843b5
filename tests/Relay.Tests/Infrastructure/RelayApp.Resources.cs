using Microsoft.Extensions.DependencyInjection;
using Relay.Contracts;

namespace Relay.Tests.Infrastructure;

/// <summary>Replicas, their states and the dashboard's commands on them, as the tests use them.</summary>
public partial class RelayApp
{
    public int ReplicaCount(string resource) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource).GetReplicaCount();

    public ReplicaState Replica(string resource, int index = 0) => Resources.Replica(resource, index);

    /// <summary>The index of the replica that calls itself <paramref name="instanceId"/> (its welcome frame's <c>replica</c>).</summary>
    public int ReplicaIndexOf(string resource, string instanceId)
    {
        var replicas = Resources.Replicas(resource);
        var index = replicas.ToList().FindIndex(r => r.InstanceId == instanceId);
        Assert.True(index >= 0, $"No {resource} replica is '{instanceId}': {string.Join(", ", replicas.Select(r => r.InstanceId))}");
        return index;
    }

    /// <summary>A WsBackend replica's own address (past DCP's proxy); for the other resources, their http endpoint.</summary>
    public Uri Endpoint(string resource, int replica = 0) =>
        resource == ResourceNames.WsBackend
            ? Replica(resource, replica).Endpoint ?? throw new InvalidOperationException($"{resource}[{replica}] has no address.")
            : App.GetEndpoint(resource, "http");

    public Task<string?> GetConnectionStringAsync(string resource) =>
        App.GetConnectionStringAsync(resource, TestTimeouts.After(TestTimeouts.Step)).AsTask();

    /// <summary>Waits until every replica of the resource is healthy.</summary>
    public async Task WaitForResourceHealthyAsync(string resource, CancellationToken cancellationToken)
    {
        // Aspire's own wait matches the model name, so for a replicated resource it returns at the first healthy replica.
        var count = ReplicaCount(resource);
        await Resources.WaitForAsync(
            resource,
            count - 1,
            _ => Resources.Replicas(resource) is { } replicas && replicas.Count >= count && replicas.All(r => r.IsRunning && r.Health == "Healthy"),
            cancellationToken,
            "(every replica running and healthy)");

        // A restarted replica may still show the health it had before its restart: ask each process itself.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var replica in Resources.Replicas(resource).Where(r => r.Endpoint is not null))
        {
            while (!await AnswersHealthyAsync(http, new Uri(replica.Endpoint!, RelayRoutes.Health), cancellationToken))
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static async Task<bool> AnswersHealthyAsync(HttpClient http, Uri health, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(health, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The dashboard's Stop on one replica; returns once it is down.</summary>
    public async Task StopResourceAsync(string resource, int replica = 0, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(resource, replica, KnownResourceCommands.StopCommand, cancellationToken);
        await Resources.WaitForAsync(resource, replica, r => r.IsDown, TestTimeouts.Recovery);
    }

    /// <summary>The dashboard's Start on one replica; returns once it runs (not yet healthy).</summary>
    public async Task StartResourceAsync(string resource, int replica = 0, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(resource, replica, KnownResourceCommands.StartCommand, cancellationToken);
        await Resources.WaitForAsync(resource, replica, r => r.IsRunning, TestTimeouts.Recovery);
    }

    /// <summary>The dashboard's Restart on one replica; returns once it runs again.</summary>
    public async Task RestartResourceAsync(string resource, int replica = 0, CancellationToken cancellationToken = default)
    {
        var before = Replica(resource, replica).ProcessId;
        await ExecuteAsync(resource, replica, KnownResourceCommands.RestartCommand, cancellationToken);
        await Resources.WaitForAsync(resource, replica, r => r.IsRunning && r.ProcessId != before, TestTimeouts.Recovery);
    }

    private async Task ExecuteAsync(string resource, int replica, string command, CancellationToken cancellationToken)
    {
        var id = Replica(resource, replica).Id;
        var result = await App.ResourceCommands.ExecuteCommandAsync(id, command, cancellationToken);
        Assert.True(result.Success, $"{command} on {id} failed: {result.Message}");
    }
}
