using Relay.Dashboard.Api;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Flow;

/// <summary>
/// What one instrument did in the recent window <c>(since, now]</c>. An instrument with no point in the
/// window reads as idle (rate 0, no value): its process stopped exporting, so it carries no traffic now.
/// </summary>
internal static class FlowWindow
{
    private const double NanosPerSecond = 1_000_000_000d;

    /// <summary>A counter's increase per second over the window.</summary>
    public static double Rate(StoredInstrument instrument, long sinceUnixNano)
    {
        var snapshots = MetricSnapshot.CollectSince(instrument.Points, sinceUnixNano);
        if (snapshots.Count == 0 || snapshots[^1].TimeUnixNano <= sinceUnixNano)
        {
            return 0;
        }

        var last = snapshots[^1];
        if (!instrument.Descriptor.IsCumulative)
        {
            // Delta: each point is what its own interval counted.
            var inWindow = snapshots.Where(s => s.TimeUnixNano > sinceUnixNano).ToList();
            var from = Math.Max(sinceUnixNano, inWindow[0].StartUnixNano > 0 ? inWindow[0].StartUnixNano : sinceUnixNano);
            return PerSecond(inWindow.Sum(s => s.Value), last.TimeUnixNano - from);
        }

        if (snapshots.Count == 1)
        {
            // The first export of a process that started inside the window: all it counted is recent.
            return last.StartUnixNano > sinceUnixNano ? PerSecond(last.Value, last.TimeUnixNano - last.StartUnixNano) : 0;
        }

        var increase = 0d;
        for (var i = 1; i < snapshots.Count; i++)
        {
            // A drop means the process restarted: its new total is what it counted since.
            var (previous, current) = (snapshots[i - 1].Value, snapshots[i].Value);
            increase += current >= previous ? current - previous : current;
        }

        return PerSecond(increase, last.TimeUnixNano - snapshots[0].TimeUnixNano);
    }

    /// <summary>The latest value of a gauge or up-down counter, or null when nothing arrived in the window.</summary>
    public static double? Latest(StoredInstrument instrument, long sinceUnixNano)
    {
        var snapshots = MetricSnapshot.CollectSince(instrument.Points, sinceUnixNano);
        return snapshots.Count > 0 && snapshots[^1].TimeUnixNano > sinceUnixNano ? snapshots[^1].Value : null;
    }

    /// <summary>What a histogram recorded in the window, or null when nothing arrived.</summary>
    public static HistogramBuckets? Recorded(StoredInstrument instrument, long sinceUnixNano)
    {
        var snapshots = MetricSnapshot.CollectSince(instrument.Points, sinceUnixNano);
        if (snapshots.Count == 0 || snapshots[^1].TimeUnixNano <= sinceUnixNano)
        {
            return null;
        }

        var last = snapshots[^1];
        if (!instrument.Descriptor.IsCumulative)
        {
            var sum = new HistogramBuckets();
            foreach (var snapshot in snapshots.Where(s => s.TimeUnixNano > sinceUnixNano))
            {
                sum.Add(snapshot.Histogram);
            }

            return sum;
        }

        if (snapshots.Count == 1)
        {
            return last.StartUnixNano > sinceUnixNano ? last.Histogram : null;
        }

        return HistogramBuckets.Difference(last.Histogram, snapshots[0].Histogram) ?? last.Histogram;
    }

    private static double PerSecond(double increase, long nanos) => nanos > 0 ? increase * NanosPerSecond / nanos : 0;
}
