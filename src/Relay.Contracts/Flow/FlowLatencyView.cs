namespace Relay.Contracts.Flow;

/// <summary>Delivery latency (publishedAt → frame written) over the last window: how many, and the p50 and p99 in ms (null when none).</summary>
public sealed record FlowLatencyView(long Samples, double? P50Ms, double? P99Ms);
