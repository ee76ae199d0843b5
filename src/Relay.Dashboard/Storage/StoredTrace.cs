namespace Relay.Dashboard.Storage;

/// <summary>The spans of one trace received so far, from any number of resources. Guarded by the <see cref="TraceStore"/> lock.</summary>
internal sealed class StoredTrace(string traceId)
{
    private readonly List<ResourceKey> _resources = new(2);

    public string TraceId => traceId;

    public List<StoredSpan> Spans { get; } = new(4);

    public IReadOnlyList<ResourceKey> Resources => _resources;

    public long StartUnixNano { get; private set; } = long.MaxValue;

    public long EndUnixNano { get; private set; } = long.MinValue;

    public bool HasError { get; private set; }

    /// <summary>Set once the trace left the store; per-resource queues drop such entries lazily.</summary>
    public bool Evicted { get; set; }

    public double DurationMs => Spans.Count == 0 ? 0 : (EndUnixNano - StartUnixNano) / 1_000_000d;

    /// <summary>Adds the span; returns true when its resource had no span in this trace before.</summary>
    public bool Add(StoredSpan span)
    {
        Spans.Add(span);
        StartUnixNano = Math.Min(StartUnixNano, span.StartUnixNano);
        EndUnixNano = Math.Max(EndUnixNano, Math.Max(span.EndUnixNano, span.StartUnixNano));
        HasError |= span.StatusCode == SpanKinds.StatusError;
        if (_resources.Contains(span.Resource))
        {
            return false;
        }

        _resources.Add(span.Resource);
        return true;
    }

    /// <summary>The earliest span without a parent; the earliest span when the root has not arrived (yet).</summary>
    public StoredSpan Root()
    {
        StoredSpan? root = null;
        StoredSpan? earliest = null;
        foreach (var span in Spans)
        {
            if (span.ParentSpanId.Length == 0 && (root is null || span.StartUnixNano < root.StartUnixNano))
            {
                root = span;
            }

            if (earliest is null || span.StartUnixNano < earliest.StartUnixNano)
            {
                earliest = span;
            }
        }

        return root ?? earliest!;
    }
}
