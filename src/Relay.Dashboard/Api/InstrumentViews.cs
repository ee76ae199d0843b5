using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

/// <summary>Summaries of an instrument for the metrics page; see <see cref="InstrumentView"/> for what each kind reports.</summary>
internal static class InstrumentViews
{
    /// <summary>Default chart length: at the 1 s export interval of run mode, the last half minute.</summary>
    public const int DefaultSeriesLength = 30;

    private const double NanosPerSecond = 1_000_000_000d;

    public static InstrumentView Create(StoredInstrument instrument, int seriesLength = DefaultSeriesLength)
    {
        var descriptor = instrument.Descriptor;
        var snapshots = MetricSnapshot.Collect(instrument.Points, seriesLength + 1);
        return descriptor.Kind switch
        {
            MetricKind.Histogram => Histogram(descriptor, snapshots),
            MetricKind.Sum when descriptor.IsMonotonic => Counter(descriptor, snapshots, seriesLength),
            _ => Gauge(descriptor, snapshots, seriesLength),
        };
    }

    private static InstrumentView Gauge(InstrumentDescriptor d, List<MetricSnapshot> snapshots, int seriesLength)
    {
        var series = snapshots.TakeLast(seriesLength).Select(s => Point(s, s.Value)).ToList();
        return View(d, snapshots, value: snapshots.LastOrDefault()?.Value, rate: null, histogram: null, series, percentiles: null);
    }

    private static InstrumentView Counter(InstrumentDescriptor d, List<MetricSnapshot> snapshots, int seriesLength)
    {
        var series = new List<MetricSeriesPoint>();
        for (var i = 0; i < snapshots.Count; i++)
        {
            var current = snapshots[i];
            var (delta, nanos) = (current.Value, current.TimeUnixNano - current.StartUnixNano);
            if (d.IsCumulative)
            {
                if (i == 0)
                {
                    continue;
                }

                // A drop means the process restarted: the new total is all that was counted since its start.
                var previous = snapshots[i - 1];
                if (current.Value >= previous.Value)
                {
                    (delta, nanos) = (current.Value - previous.Value, current.TimeUnixNano - previous.TimeUnixNano);
                }
            }

            if (nanos > 0)
            {
                series.Add(Point(current, delta * NanosPerSecond / nanos));
            }
        }

        var total = d.IsCumulative ? snapshots.LastOrDefault()?.Value : snapshots.Sum(s => s.Value);
        return View(d, snapshots, total, series.LastOrDefault()?.Value, histogram: null, series.TakeLast(seriesLength).ToList(), percentiles: null);
    }

    private static InstrumentView Histogram(InstrumentDescriptor d, List<MetricSnapshot> snapshots)
    {
        var series = new List<MetricSeriesPoint>();
        var percentiles = new List<PercentileSeriesPoint>();
        var window = new HistogramBuckets();
        for (var i = 0; i < snapshots.Count; i++)
        {
            var interval = d.IsCumulative
                ? (i == 0 ? null : HistogramBuckets.Difference(snapshots[i].Histogram, snapshots[i - 1].Histogram) ?? snapshots[i].Histogram)
                : snapshots[i].Histogram;
            if (interval?.Quantile(0.95) is { } p95)
            {
                series.Add(Point(snapshots[i], p95));
                percentiles.Add(new PercentileSeriesPoint(
                    UnixNanos.ToDateTimeOffset(snapshots[i].TimeUnixNano), interval.Quantile(0.50) ?? p95, p95, interval.Quantile(0.99) ?? p95));
            }

            if (!d.IsCumulative)
            {
                window.Add(snapshots[i].Histogram);
            }
        }

        if (d.IsCumulative && snapshots.Count > 0)
        {
            // Over the charted window, not the process lifetime, so the percentiles follow recent behaviour.
            window = snapshots.Count == 1
                ? snapshots[0].Histogram
                : HistogramBuckets.Difference(snapshots[^1].Histogram, snapshots[0].Histogram) ?? snapshots[^1].Histogram;
        }

        return View(d, snapshots, value: null, rate: null, snapshots.Count == 0 ? null : window, series, percentiles);
    }

    private static InstrumentView View(
        InstrumentDescriptor d,
        List<MetricSnapshot> snapshots,
        double? value,
        double? rate,
        HistogramBuckets? histogram,
        List<MetricSeriesPoint> series,
        List<PercentileSeriesPoint>? percentiles) => new(
        d.Name,
        d.Scope,
        d.Unit,
        d.Description,
        d.Kind.ToString().ToLowerInvariant(),
        d.IsMonotonic,
        value,
        rate,
        histogram?.Count,
        histogram?.Sum,
        histogram?.Quantile(0.50),
        histogram?.Quantile(0.95),
        histogram?.Quantile(0.99),
        snapshots.Count == 0 ? null : UnixNanos.ToDateTimeOffset(snapshots[^1].TimeUnixNano),
        series,
        percentiles);

    private static MetricSeriesPoint Point(MetricSnapshot snapshot, double value) =>
        new(UnixNanos.ToDateTimeOffset(snapshot.TimeUnixNano), value);
}
