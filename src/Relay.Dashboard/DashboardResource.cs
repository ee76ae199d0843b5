namespace Relay.Dashboard;

/// <summary>One instance of a resource as the dashboard shows it.</summary>
/// <param name="Name">The resource name from the app model (<c>wsbackend</c>).</param>
/// <param name="Instance">The unique instance name (<c>wsbackend-1</c>), also its <c>service.instance.id</c>.</param>
/// <param name="Replica">The replica index, or null for a resource without replicas.</param>
/// <param name="Type">Project, Container, Executable…</param>
/// <param name="State">NotStarted, Waiting, Starting, Running, RuntimeUnhealthy, FailedToStart, Stopping, Exited, Finished.</param>
/// <param name="Health">Healthy, Degraded, Unhealthy, or null when not computed (not Running).</param>
/// <param name="Environment">Unmasked; the dashboard masks secrets before showing them.</param>
public sealed record DashboardResource(
    string Name,
    string Instance,
    int? Replica,
    string Type,
    string State,
    string? Health,
    int? ProcessId,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    int RestartCount,
    IReadOnlyList<DashboardResourceEndpoint> Endpoints,
    IReadOnlyDictionary<string, string> Environment);
