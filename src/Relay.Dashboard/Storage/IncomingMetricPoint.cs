namespace Relay.Dashboard.Storage;

/// <summary>A decoded data point on its way into <see cref="MetricStore"/>.</summary>
internal readonly record struct IncomingMetricPoint(ResourceKey Resource, InstrumentDescriptor Instrument, StoredMetricPoint Point);
