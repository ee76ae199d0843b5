using Relay.Dashboard.Hosting;

namespace Relay.Dashboard.Storage;

/// <summary>
/// Spans grouped into traces, bounded per resource.
/// Eviction rule: a trace counts against every resource that has at least one span in it. When a resource
/// goes over <see cref="DashboardOptions.MaxTracesPerResource"/>, its oldest trace (by arrival of that
/// resource's first span in it) is evicted everywhere, so a trace is always shown whole or not at all.
/// </summary>
internal sealed class TraceStore(DashboardOptions options, TelemetryCounters counters, DashboardChanges changes)
{
    /// <summary>A runaway trace (a span per loop iteration) must not eat the memory meant for 10,000 traces.</summary>
    public const int MaxSpansPerTrace = 5_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredTrace> _traces = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceKey, ResourceTraceQueue> _byResource = [];
    private long _spanCount;

    public void Add(IReadOnlyList<IncomingSpan> spans)
    {
        if (spans.Count == 0)
        {
            return;
        }

        var dropped = 0;
        lock (_lock)
        {
            foreach (var (traceId, span) in spans)
            {
                if (!Add(traceId, span))
                {
                    dropped++;
                }
            }
        }

        counters.SpansDropped(dropped);
        changes.Notify(ChangeKinds.Traces);
    }

    public (int Traces, long Spans) Count()
    {
        lock (_lock)
        {
            return (_traces.Count, _spanCount);
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

    /// <summary>Matching traces, newest start first, each projected under the lock.</summary>
    public List<T> Query<T>(TraceFilter filter, int limit, Func<StoredTrace, T> project)
    {
        lock (_lock)
        {
            return _traces.Values
                .Where(filter.Matches)
                .OrderByDescending(t => t.StartUnixNano)
                .Take(limit)
                .Select(project)
                .ToList();
        }
    }

    public bool TryGet<T>(string traceId, Func<StoredTrace, T> project, out T? result)
    {
        lock (_lock)
        {
            if (_traces.TryGetValue(traceId.ToLowerInvariant(), out var trace))
            {
                result = project(trace);
                return true;
            }
        }

        result = default;
        return false;
    }

    private bool Add(string traceId, StoredSpan span)
    {
        if (!_traces.TryGetValue(traceId, out var trace))
        {
            trace = new StoredTrace(traceId);
            _traces.Add(traceId, trace);
        }

        if (trace.Spans.Count >= MaxSpansPerTrace)
        {
            return false;
        }

        _spanCount++;
        if (trace.Add(span))
        {
            var queue = GetQueue(span.Resource);
            queue.Add(trace);
            if (queue.LiveCount > options.MaxTracesPerResource)
            {
                EvictOldest(queue);
            }
        }

        return true;
    }

    private ResourceTraceQueue GetQueue(ResourceKey resource)
    {
        if (!_byResource.TryGetValue(resource, out var queue))
        {
            queue = new ResourceTraceQueue();
            _byResource.Add(resource, queue);
        }

        return queue;
    }

    private void EvictOldest(ResourceTraceQueue queue)
    {
        var trace = queue.TakeOldestLive();
        if (trace is null)
        {
            return;
        }

        trace.Evicted = true;
        _traces.Remove(trace.TraceId);
        _spanCount -= trace.Spans.Count;
        queue.OnEvictedHere();
        foreach (var resource in trace.Resources)
        {
            var other = _byResource[resource];
            if (!ReferenceEquals(other, queue))
            {
                other.OnEvictedElsewhere();
            }
        }

        counters.TraceEvicted();
    }
}
