namespace Relay.Dashboard.Storage;

/// <summary>
/// The traces one resource takes part in, oldest first. A trace evicted through another resource stays in
/// this queue, flagged, until it reaches the front or a compaction drops it: removal from the middle of a
/// queue would cost O(n) per eviction.
/// </summary>
internal sealed class ResourceTraceQueue
{
    private readonly Queue<StoredTrace> _order = new();

    /// <summary>Traces in the queue that are still stored.</summary>
    public int LiveCount { get; private set; }

    public void Add(StoredTrace trace)
    {
        _order.Enqueue(trace);
        LiveCount++;
    }

    /// <summary>The oldest trace that is still stored, removed from this queue; null when none.</summary>
    public StoredTrace? TakeOldestLive()
    {
        while (_order.TryDequeue(out var trace))
        {
            if (!trace.Evicted)
            {
                return trace;
            }
        }

        return null;
    }

    /// <summary>Called when a trace in this queue was evicted through another resource.</summary>
    public void OnEvictedElsewhere()
    {
        LiveCount--;
        if (_order.Count > (2 * LiveCount) + 64)
        {
            Compact();
        }
    }

    /// <summary>Called when the trace returned by <see cref="TakeOldestLive"/> is evicted.</summary>
    public void OnEvictedHere() => LiveCount--;

    private void Compact()
    {
        for (var remaining = _order.Count; remaining > 0; remaining--)
        {
            var trace = _order.Dequeue();
            if (!trace.Evicted)
            {
                _order.Enqueue(trace);
            }
        }
    }
}
