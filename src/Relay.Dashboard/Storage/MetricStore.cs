using Relay.Dashboard.Hosting;

namespace Relay.Dashboard.Storage;

/// <summary>Metric points bounded per resource by <see cref="DashboardOptions.MaxMetricPointsPerResource"/>, the oldest evicted first.</summary>
internal sealed class MetricStore(DashboardOptions options, TelemetryCounters counters, DashboardChanges changes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceKey, ResourceMetrics> _byResource = [];

    public void Add(IReadOnlyList<IncomingMetricPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var (resource, descriptor, point) in points)
            {
                var metrics = GetResource(resource);
                var instrument = GetInstrument(metrics, descriptor);
                if (metrics.Arrivals.Add(instrument, out var evictedFrom))
                {
                    evictedFrom.Points.RemoveOldest();
                    counters.MetricPointEvicted();
                }

                // Never overwrites: the instrument holds at most as many points as the resource.
                instrument.Points.Add(point, out _);
            }
        }

        changes.Notify(ChangeKinds.Metrics);
    }

    public long Count()
    {
        lock (_lock)
        {
            return _byResource.Values.Sum(r => (long)r.Arrivals.Count);
        }
    }

    /// <summary>The resources that sent telemetry of this kind.</summary>
    public List<ResourceKey> Resources()
    {
        lock (_lock)
        {
            return [.. _byResource.Keys];
        }
    }

    /// <summary>Every matching resource with its instruments, projected under the lock.</summary>
    public List<T> Query<T>(string? service, Func<ResourceKey, IEnumerable<StoredInstrument>, T> project)
    {
        lock (_lock)
        {
            return _byResource
                .Where(r => r.Key.Matches(service))
                .OrderBy(r => r.Key.Service, StringComparer.Ordinal)
                .ThenBy(r => r.Key.Instance, StringComparer.Ordinal)
                .Select(r => project(r.Key, r.Value.Instruments.Values.OrderBy(i => i.Descriptor.Name, StringComparer.Ordinal)))
                .ToList();
        }
    }

    private ResourceMetrics GetResource(ResourceKey resource)
    {
        if (!_byResource.TryGetValue(resource, out var metrics))
        {
            metrics = new ResourceMetrics(options.MaxMetricPointsPerResource);
            _byResource.Add(resource, metrics);
        }

        return metrics;
    }

    private StoredInstrument GetInstrument(ResourceMetrics metrics, InstrumentDescriptor descriptor)
    {
        var key = (descriptor.Scope, descriptor.Name);
        if (!metrics.Instruments.TryGetValue(key, out var instrument))
        {
            instrument = new StoredInstrument(descriptor, options.MaxMetricPointsPerResource);
            metrics.Instruments.Add(key, instrument);
        }
        else if (!ReferenceEquals(instrument.Descriptor, descriptor) && instrument.Descriptor != descriptor)
        {
            // A restarted process may redefine the instrument (new unit or description): the newest wins.
            instrument.Descriptor = descriptor;
        }

        return instrument;
    }
}
