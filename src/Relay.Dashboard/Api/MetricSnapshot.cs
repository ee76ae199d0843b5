using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

/// <summary>
/// The points of one instrument that share a timestamp (one collection of the exporting SDK), summed over
/// their attribute sets: the unit the summaries and the chart series are computed from.
/// </summary>
internal sealed class MetricSnapshot
{
    public required long TimeUnixNano { get; init; }

    /// <summary>The start of the interval (delta) or of the accumulation (cumulative).</summary>
    public required long StartUnixNano { get; init; }

    public double Value { get; private set; }

    public HistogramBuckets Histogram { get; } = new();

    /// <summary>The newest <paramref name="max"/> snapshots, oldest first.</summary>
    public static List<MetricSnapshot> Collect(RingBuffer<StoredMetricPoint> points, int max) =>
        CollectNewestUntil(points, (_, collected) => collected.Count == max);

    /// <summary>
    /// The snapshots taken after <paramref name="sinceUnixNano"/>, oldest first, preceded by the newest one
    /// at or before it (the baseline a cumulative instrument's increase is measured from), when there is one.
    /// </summary>
    public static List<MetricSnapshot> CollectSince(RingBuffer<StoredMetricPoint> points, long sinceUnixNano) =>
        CollectNewestUntil(points, (last, _) => last is not null && last.TimeUnixNano <= sinceUnixNano);

    // Walks the points newest first, grouping them by timestamp, until a new snapshot would be one too many.
    private static List<MetricSnapshot> CollectNewestUntil(
        RingBuffer<StoredMetricPoint> points, Func<MetricSnapshot?, List<MetricSnapshot>, bool> enough)
    {
        var snapshots = new List<MetricSnapshot>();
        MetricSnapshot? current = null;
        for (var i = points.Count - 1; i >= 0; i--)
        {
            var point = points[i];
            if (current is null || current.TimeUnixNano != point.TimeUnixNano)
            {
                if (enough(current, snapshots))
                {
                    break;
                }

                current = new MetricSnapshot { TimeUnixNano = point.TimeUnixNano, StartUnixNano = point.StartUnixNano };
                snapshots.Add(current);
            }

            current.Value += point.Value;
            current.Histogram.Add(point);
        }

        snapshots.Reverse();
        return snapshots;
    }
}
