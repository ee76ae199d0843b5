namespace Relay.Tests.Infrastructure;

/// <summary>One process of a resource as the AppHost last reported it.</summary>
/// <param name="Id">The replica's resource id, e.g. <c>wsbackend-qxk2ad7f</c>.</param>
/// <param name="ProcessId">The pid DCP watches (for a project, its <c>dotnet run</c>).</param>
/// <param name="Restarts">Restarts after crashes (the <c>relay.restarts</c> property).</param>
/// <param name="Endpoint">The process's own http address (its <c>ASPNETCORE_URLS</c>), past DCP's proxy.</param>
/// <param name="InstanceId">Its <c>service.instance.id</c>: what a WsBackend replica calls itself in its welcome frame.</param>
public sealed record ReplicaState(
    string Id, string? State, string? Health, int? ProcessId, int Restarts, int? ExitCode, Uri? Endpoint, string? InstanceId)
{
    public bool IsRunning => State == KnownResourceStates.Running;

    public bool IsDown => State is not null && KnownResourceStates.TerminalStates.Contains(State);
}
