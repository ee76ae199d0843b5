namespace Relay.Contracts.Flow;

/// <summary>
/// An instance's cumulative figures at one moment: counts and latency buckets since the process started, and its
/// open connections. <paramref name="Timestamp"/> is <see cref="TimeProvider.GetTimestamp"/>, for the window's length.
/// </summary>
public sealed record FlowReading(DateTimeOffset At, long Timestamp, FlowCounts Total, int Connections, long[]? Latency);
