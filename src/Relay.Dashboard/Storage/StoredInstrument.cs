namespace Relay.Dashboard.Storage;

/// <summary>An instrument of one resource and its retained points, oldest first. Guarded by the <see cref="MetricStore"/> lock.</summary>
internal sealed class StoredInstrument(InstrumentDescriptor descriptor, int capacity)
{
    public InstrumentDescriptor Descriptor { get; set; } = descriptor;

    public RingBuffer<StoredMetricPoint> Points { get; } = new(capacity);
}
