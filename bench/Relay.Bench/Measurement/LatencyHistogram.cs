using HdrHistogram;

namespace Relay.Bench.Measurement;

/// <summary>
/// Latencies in microseconds, 3 significant digits, up to a minute. Not thread-safe: each recording loop owns one,
/// and they are merged with <see cref="Add"/> once recording is over.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long HighestMicroseconds = 60_000_000;

    private readonly LongHistogram _histogram = new(HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    public void Record(long microseconds) => _histogram.RecordValue(Math.Clamp(microseconds, 1, HighestMicroseconds));

    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);

    public LatencySummary Summarize() => Count == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0)
        : new LatencySummary(
            Count,
            Milliseconds(_histogram.GetValueAtPercentile(50)),
            Milliseconds(_histogram.GetValueAtPercentile(90)),
            Milliseconds(_histogram.GetValueAtPercentile(99)),
            Milliseconds(_histogram.GetValueAtPercentile(99.9)),
            Milliseconds(_histogram.GetMaxValue()));

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
