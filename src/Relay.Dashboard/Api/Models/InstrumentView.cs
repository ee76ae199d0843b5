namespace Relay.Dashboard.Api.Models;

/// <summary>
/// One instrument, summed over its attribute sets. <see cref="Kind"/> is gauge, sum or histogram.
/// Gauges and up-down sums: <see cref="Value"/> is the latest value and the series the values.
/// Monotonic sums (counters): <see cref="Value"/> is the total and <see cref="Rate"/> the latest per-second
/// rate, which the series charts. Histograms: count, sum and percentiles over the series window, the series
/// charting each interval's p95 and <see cref="Percentiles"/> each interval's p50, p95 and p99 (null for other kinds).
/// </summary>
internal sealed record InstrumentView(
    string Name,
    string Scope,
    string Unit,
    string Description,
    string Kind,
    bool IsMonotonic,
    double? Value,
    double? Rate,
    ulong? Count,
    double? Sum,
    double? P50,
    double? P95,
    double? P99,
    DateTimeOffset? LastUpdated,
    IReadOnlyList<MetricSeriesPoint> Series,
    IReadOnlyList<PercentileSeriesPoint>? Percentiles);
