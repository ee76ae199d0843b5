namespace Relay.Contracts.Flow;

/// <summary>
/// The whole flow: rates per second over the last window, and counts since each instance started (so they drop
/// when an instance restarts). Received and delivered add up every replica's.
/// </summary>
public sealed record FlowTotals(
    double PublishedPerSecond,
    double PublishFailuresPerSecond,
    double ReceivedPerSecond,
    double DeliveredPerSecond,
    int Connections,
    long Published,
    long PublishFailures,
    long Received,
    long Delivered);
