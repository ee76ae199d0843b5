namespace Relay.Contracts.Flow;

/// <summary>
/// The buckets of the delivery latency in the flow figures (publishedAt → frame written to a socket), shared by the
/// replicas that count into them and the Api that reads percentiles out of them. Bucket <c>i</c> holds latencies in
/// <c>(bound[i-1], bound[i]]</c> ms; one more bucket holds everything above the last bound.
/// </summary>
public static class FlowLatency
{
    // About a quarter apart: a percentile read from them is within ~25 % of the true one. publishedAt has millisecond
    // precision, so finer buckets below 1 ms would only measure its rounding.
    private static readonly long[] s_boundsMs =
        [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 125, 150, 200, 250, 300, 400, 500, 750,
         1_000, 1_500, 2_000, 3_000, 5_000, 10_000];

    private static readonly long[] s_boundsTicks = [.. s_boundsMs.Select(ms => ms * TimeSpan.TicksPerMillisecond)];

    /// <summary>How many buckets a latency histogram has: one per bound and the overflow.</summary>
    public static int BucketCount => s_boundsMs.Length + 1;

    /// <summary>The bucket of a latency of <paramref name="ticks"/>; a binary search, no allocation.</summary>
    public static int BucketOf(long ticks)
    {
        var index = s_boundsTicks.AsSpan().BinarySearch(ticks);
        return index >= 0 ? index : ~index;
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) of the latencies counted in <paramref name="counts"/>, interpolated
    /// linearly within its bucket; null when nothing was counted. One above the last bound reads as the last bound.
    /// </summary>
    public static double? Percentile(ReadOnlySpan<long> counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total <= 0)
        {
            return null;
        }

        var rank = Math.Clamp(quantile, 0, 1) * total;
        long before = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var count = counts[i];
            if (count > 0 && before + count >= rank)
            {
                if (i >= s_boundsMs.Length)
                {
                    return s_boundsMs[^1];
                }

                double lower = i == 0 ? 0 : s_boundsMs[i - 1];
                double upper = s_boundsMs[i];
                return lower + ((upper - lower) * Math.Max(0, rank - before) / count);
            }

            before += count;
        }

        return s_boundsMs[^1];
    }
}
