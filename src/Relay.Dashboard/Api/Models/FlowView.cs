namespace Relay.Dashboard.Api.Models;

/// <summary>
/// <c>GET /api/flow</c>: Relay's message flow over the last <see cref="WindowSeconds"/> seconds. Rates are
/// messages per second; a metric that has not arrived counts as 0, a latency with no sample is null.
/// </summary>
internal sealed record FlowView(
    DateTimeOffset Time,
    double WindowSeconds,
    IReadOnlyList<FlowNodeView> Nodes,
    IReadOnlyList<FlowEdgeView> Edges,
    double PublishedPerSecond,
    double PublishFailuresPerSecond,
    double DeliveredPerSecond,
    double OpenConnections,
    ulong LatencySamples,
    double? LatencyP50Ms,
    double? LatencyP99Ms);
