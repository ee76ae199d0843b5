namespace Relay.Dashboard.Api.Models;

/// <summary>An entry of <c>GET /api/resources</c>, with secrets in <see cref="Environment"/> shown as <c>***</c>.</summary>
internal sealed record ResourceView(
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
