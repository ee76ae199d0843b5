using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

/// <summary>
/// A histogram summed over attribute sets (and over intervals, for delta temporality), from which the
/// percentiles are estimated. Points whose buckets do not line up with the first one's add to the count
/// and the sum only.
/// </summary>
internal sealed class HistogramBuckets
{
    public ulong Count { get; private set; }

    public double Sum { get; private set; }

    public double? Min { get; private set; }

    public double? Max { get; private set; }

    public double[]? Bounds { get; private set; }

    public ulong[]? Counts { get; private set; }

    public void Add(StoredMetricPoint point) =>
        Add(point.Count, point.Sum ?? 0, point.Min, point.Max, point.ExplicitBounds, point.BucketCounts);

    public void Add(HistogramBuckets other) =>
        Add(other.Count, other.Sum, other.Min, other.Max, other.Bounds, other.Counts);

    /// <summary>What was recorded between two cumulative snapshots; null when the counts went down (a restart).</summary>
    public static HistogramBuckets? Difference(HistogramBuckets later, HistogramBuckets earlier)
    {
        if (later.Count < earlier.Count)
        {
            return null;
        }

        var result = new HistogramBuckets
        {
            Count = later.Count - earlier.Count,
            Sum = later.Sum - earlier.Sum,
            Min = later.Min,
            Max = later.Max,
        };
        if (later.Counts is null || earlier.Counts is null || later.Counts.Length != earlier.Counts.Length)
        {
            return result;
        }

        var counts = new ulong[later.Counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            if (later.Counts[i] < earlier.Counts[i])
            {
                return null;
            }

            counts[i] = later.Counts[i] - earlier.Counts[i];
        }

        result.Bounds = later.Bounds;
        result.Counts = counts;
        return result;
    }

    /// <summary>
    /// Linear interpolation inside the bucket holding the q-th value. The open-ended first and last buckets
    /// are closed by the recorded min and max when the exporter sent them.
    /// </summary>
    public double? Quantile(double q)
    {
        if (Counts is null || Bounds is null)
        {
            return null;
        }

        ulong total = 0;
        foreach (var c in Counts)
        {
            total += c;
        }

        if (total == 0)
        {
            return null;
        }

        if (Bounds.Length == 0)
        {
            return Sum / total;
        }

        var rank = q * total;
        ulong below = 0;
        for (var i = 0; i < Counts.Length; i++)
        {
            if (Counts[i] == 0 || below + Counts[i] < rank)
            {
                below += Counts[i];
                continue;
            }

            var lower = i == 0 ? Math.Min(Min ?? 0, Bounds[0]) : Bounds[i - 1];
            var upper = i < Bounds.Length ? Bounds[i] : Math.Max(Max ?? Bounds[^1], Bounds[^1]);

            // The recorded extremes are tighter than the bucket edges whenever they fall inside the bucket.
            (lower, upper) = (Math.Max(lower, Math.Min(Min ?? lower, upper)), Math.Min(upper, Math.Max(Max ?? upper, lower)));
            return lower + ((upper - lower) * (rank - below) / Counts[i]);
        }

        return Max ?? Bounds[^1];
    }

    private void Add(ulong count, double sum, double? min, double? max, double[]? bounds, ulong[]? counts)
    {
        Count += count;
        Sum += sum;
        Min = min is null ? Min : Math.Min(Min ?? double.MaxValue, min.Value);
        Max = max is null ? Max : Math.Max(Max ?? double.MinValue, max.Value);
        if (counts is null || bounds is null)
        {
            return;
        }

        if (Counts is null)
        {
            Bounds = bounds;
            Counts = (ulong[])counts.Clone();
        }
        else if (Counts.Length == counts.Length)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                Counts[i] += counts[i];
            }
        }
    }
}
