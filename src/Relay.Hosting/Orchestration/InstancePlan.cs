using Relay.Hosting.Processes;

namespace Relay.Hosting.Orchestration;

/// <summary>
/// One instance as decided at Build: its name (<c>wsbackend-1</c>), port, command and injected environment.
/// Kept for the app's lifetime, so a restarted instance comes back the same.
/// </summary>
/// <param name="Command">Null for a resource that runs elsewhere (an external Redis).</param>
internal sealed record InstancePlan(
    string Name,
    int Replica,
    Uri Endpoint,
    ProcessCommand? Command,
    IReadOnlyDictionary<string, string> Environment,
    IHealthProbe HealthProbe);
