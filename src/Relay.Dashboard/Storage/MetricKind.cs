namespace Relay.Dashboard.Storage;

internal enum MetricKind
{
    Gauge,
    Sum,
    Histogram,
}
