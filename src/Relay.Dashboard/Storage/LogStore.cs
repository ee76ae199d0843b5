using Relay.Dashboard.Hosting;

namespace Relay.Dashboard.Storage;

/// <summary>Log records in one ring per resource of <see cref="DashboardOptions.MaxLogsPerResource"/>; the oldest are evicted first.</summary>
internal sealed class LogStore(DashboardOptions options, TelemetryCounters counters, DashboardChanges changes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceKey, RingBuffer<StoredLog>> _byResource = [];
    private long _sequence;

    public void Add(IReadOnlyList<StoredLog> logs)
    {
        if (logs.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var log in logs)
            {
                log.Sequence = ++_sequence;
                if (GetRing(log.Resource).Add(log, out _))
                {
                    counters.LogEvicted();
                }
            }
        }

        changes.Notify(ChangeKinds.Logs);
    }

    public long Count()
    {
        lock (_lock)
        {
            return _byResource.Values.Sum(r => (long)r.Count);
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

    /// <summary>Matching records, newest first, each projected under the lock.</summary>
    public List<T> Query<T>(LogFilter filter, int limit, Func<StoredLog, T> project)
    {
        lock (_lock)
        {
            var matches = new List<StoredLog>();
            foreach (var (resource, ring) in _byResource)
            {
                if (!resource.Matches(filter.Service))
                {
                    continue;
                }

                // Newest first per resource, so no resource contributes more than the limit.
                var taken = 0;
                for (var i = ring.Count - 1; i >= 0 && taken < limit; i--)
                {
                    if (filter.Matches(ring[i]))
                    {
                        matches.Add(ring[i]);
                        taken++;
                    }
                }
            }

            return matches
                .OrderByDescending(l => l.TimeUnixNano)
                .ThenByDescending(l => l.Sequence)
                .Take(limit)
                .Select(project)
                .ToList();
        }
    }

    private RingBuffer<StoredLog> GetRing(ResourceKey resource)
    {
        if (!_byResource.TryGetValue(resource, out var ring))
        {
            ring = new RingBuffer<StoredLog>(options.MaxLogsPerResource);
            _byResource.Add(resource, ring);
        }

        return ring;
    }
}
