namespace Relay.Dashboard.Storage;

/// <summary>
/// One data point of one attribute set. Number points use <see cref="Value"/>; histogram points use
/// <see cref="Count"/>, <see cref="Sum"/> and, when the exporter sent them, the explicit buckets
/// (<see cref="BucketCounts"/> has one more entry than <see cref="ExplicitBounds"/>).
/// </summary>
internal sealed record StoredMetricPoint(
    long StartUnixNano,
    long TimeUnixNano,
    double Value,
    ulong Count,
    double? Sum,
    double? Min,
    double? Max,
    ulong[]? BucketCounts,
    double[]? ExplicitBounds,
    KeyValuePair<string, string>[] Attributes);
