namespace Relay.Dashboard.Storage;

/// <summary>
/// The instruments of one resource. <see cref="Arrivals"/> records which instrument each retained point
/// belongs to, in arrival order: evicting its oldest entry evicts that instrument's oldest point, which
/// bounds the resource's points as a whole without a back-reference on every point.
/// </summary>
internal sealed class ResourceMetrics(int capacity)
{
    public Dictionary<(string Scope, string Name), StoredInstrument> Instruments { get; } = [];

    public RingBuffer<StoredInstrument> Arrivals { get; } = new(capacity);
}
