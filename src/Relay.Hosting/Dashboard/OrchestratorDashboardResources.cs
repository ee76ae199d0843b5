using Relay.Dashboard;
using Relay.Hosting.Orchestration;

namespace Relay.Hosting.Dashboard;

/// <summary>What the dashboard shows and does, read from and done by the orchestrator.</summary>
internal sealed class OrchestratorDashboardResources(
    ApplicationOrchestrator orchestrator,
    ResourceLogService logs,
    ResourceActionQueue actions) : IDashboardResources
{
    public IReadOnlyList<DashboardResource> GetResources() => [.. orchestrator.Instances.Select(ToDashboard)];

    /// <summary>Returns as soon as the command is queued: a restart takes seconds, an HTTP request should not.</summary>
    public Task<bool> ExecuteAsync(string resourceName, int? replica, ResourceAction action, CancellationToken ct)
    {
        if (!orchestrator.Contains(resourceName, replica))
        {
            return Task.FromResult(false);
        }

        Func<CancellationToken, Task> command = action switch
        {
            ResourceAction.Start => token => orchestrator.StartAsync(resourceName, replica, token),
            ResourceAction.Stop => _ => orchestrator.StopAsync(resourceName, replica),
            ResourceAction.Restart => token => orchestrator.RestartAsync(resourceName, replica, token),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        var target = replica is null ? resourceName : $"{resourceName} replica {replica}";
        actions.Run($"{action.ToString().ToLowerInvariant()} {target}", command);
        return Task.FromResult(true);
    }

    public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string? instance) =>
        [.. (instance is null ? logs.GetAllLines() : logs.GetLines(instance)).Select(ToDashboard)];

    public IDisposable SubscribeConsoleLogs(Action<ConsoleLogLine> onLine) =>
        logs.Subscribe(line => onLine(ToDashboard(line)));

    private static DashboardResource ToDashboard(ResourceInstance instance)
    {
        var snapshot = instance.Snapshot;
        return new DashboardResource(
            snapshot.Resource,
            snapshot.Instance,
            instance.Resource.Instances.Count > 1 ? snapshot.Replica : null,
            snapshot.Type,
            snapshot.State.ToString(),
            snapshot.State == ResourceState.Running && snapshot.Health != HealthState.Unknown ? snapshot.Health.ToString() : null,
            snapshot.ProcessId,
            snapshot.ExitCode,
            snapshot.StartedAt,
            snapshot.RestartCount,
            [.. snapshot.Endpoints.Select(url => new DashboardResourceEndpoint(url.Scheme, url.GetLeftPart(UriPartial.Authority)))],
            instance.Plan.Environment);
    }

    private static ConsoleLogLine ToDashboard(ResourceLogLine line) => new(line.Instance, line.Timestamp, line.IsError, line.Text);
}
