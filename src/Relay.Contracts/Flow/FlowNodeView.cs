namespace Relay.Contracts.Flow;

/// <summary>
/// A node of the flow. <see cref="Kind"/> is one of <see cref="FlowNodes"/>; <see cref="Instances"/> is how many
/// instances reported (api, wsbackend); <see cref="Connections"/> the open WebSockets (a replica, or all of them
/// for the receivers); <see cref="Latency"/> a replica's own delivery latency.
/// </summary>
public sealed record FlowNodeView(
    string Id,
    string Kind,
    int? Instances = null,
    int? Connections = null,
    FlowLatencyView? Latency = null);
