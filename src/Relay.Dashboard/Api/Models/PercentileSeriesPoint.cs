namespace Relay.Dashboard.Api.Models;

/// <summary>The percentiles of what a histogram recorded in one export interval.</summary>
internal sealed record PercentileSeriesPoint(DateTimeOffset Time, double P50, double P95, double P99);
