namespace Relay.Dashboard.Api.Models;

internal sealed record MetricSeriesPoint(DateTimeOffset Time, double Value);
