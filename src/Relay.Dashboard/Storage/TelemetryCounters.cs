namespace Relay.Dashboard.Storage;

/// <summary>
/// What was evicted or dropped, shown by <c>GET /api/stats</c> so a user can tell a quiet service from a
/// dashboard that threw data away. Written under the stores' locks, read from request threads.
/// </summary>
internal sealed class TelemetryCounters
{
    private long _evictedTraces;
    private long _evictedLogs;
    private long _evictedMetricPoints;
    private long _droppedSpans;
    private long _droppedLogs;
    private long _droppedMetricPoints;

    public long EvictedTraces => Interlocked.Read(ref _evictedTraces);

    public long EvictedLogs => Interlocked.Read(ref _evictedLogs);

    public long EvictedMetricPoints => Interlocked.Read(ref _evictedMetricPoints);

    /// <summary>Spans rejected for a malformed id or because their trace reached its span limit.</summary>
    public long DroppedSpans => Interlocked.Read(ref _droppedSpans);

    public long DroppedLogs => Interlocked.Read(ref _droppedLogs);

    public long DroppedMetricPoints => Interlocked.Read(ref _droppedMetricPoints);

    public void TraceEvicted() => Interlocked.Increment(ref _evictedTraces);

    public void LogEvicted() => Interlocked.Increment(ref _evictedLogs);

    public void MetricPointEvicted() => Interlocked.Increment(ref _evictedMetricPoints);

    public void SpansDropped(long count) => Interlocked.Add(ref _droppedSpans, count);

    public void LogsDropped(long count) => Interlocked.Add(ref _droppedLogs, count);

    public void MetricPointsDropped(long count) => Interlocked.Add(ref _droppedMetricPoints, count);
}
