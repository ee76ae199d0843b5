using System.Text.Json.Serialization;

namespace Relay.Contracts.Flow;

/// <summary>
/// The body of <c>GET /api/flow</c>: the graph sender → api → redis → each WsBackend replica → receivers. Every rate
/// is messages per second over the instances' last window of about <see cref="WindowSeconds"/>.
/// </summary>
public sealed record FlowView(
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset Time,
    double WindowSeconds,
    IReadOnlyList<FlowNodeView> Nodes,
    IReadOnlyList<FlowEdgeView> Edges,
    FlowTotals Totals,
    FlowLatencyView Latency);
