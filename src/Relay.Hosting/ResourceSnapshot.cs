namespace Relay.Hosting;

/// <summary>The state of one instance (<c>api-0</c>, <c>wsbackend-1</c>, <c>redis-0</c>) at one moment.</summary>
public sealed record ResourceSnapshot(
    string Resource,
    string Instance,
    int Replica,
    string Type,
    ResourceState State,
    HealthState Health,
    int? ProcessId,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    int RestartCount,
    IReadOnlyList<Uri> Endpoints);
