using Relay.Dashboard.Api;

namespace Relay.Dashboard.Flow;

/// <summary>One resource's share of the flow over the recent window: rates per second, open connections, delivery lag.</summary>
internal sealed record FlowSample(
    string Service,
    string Instance,
    double Published,
    double PublishFailures,
    double Received,
    double Delivered,
    double? OpenConnections,
    HistogramBuckets? DeliveryLag);
