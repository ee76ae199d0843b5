using Relay.Hosting.ApplicationModel;

namespace Relay.Hosting.Orchestration;

/// <summary>A resource as decided at Build.</summary>
/// <param name="Type">What the snapshots say: <c>Project</c> or <c>Redis</c>.</param>
/// <param name="IsExternal">Runs elsewhere: the engine neither starts nor stops it.</param>
/// <param name="HasExternalEndpoints">Meant for people: listed first in the terminal.</param>
/// <param name="WaitsFor">The resources that must be Running and healthy before this one starts.</param>
/// <param name="Depth">0 for a resource that waits for nothing, else one more than its deepest dependency.</param>
internal sealed record ResourcePlan(
    IResource Resource,
    string Type,
    IReadOnlyList<InstancePlan> Instances,
    string? ConnectionString,
    bool IsExternal,
    bool HasExternalEndpoints,
    IReadOnlyList<string> WaitsFor,
    int Depth)
{
    public string Name => Resource.Name;
}
