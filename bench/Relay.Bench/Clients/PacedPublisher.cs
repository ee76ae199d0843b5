using System.Diagnostics;
using System.Threading.Channels;
using Relay.Bench.Measurement;

namespace Relay.Bench.Clients;

/// <summary>
/// Publishes sequence numbers 0 … total-1 at a fixed rate (open loop): a pacer releases each message at its
/// scheduled time, and a pool of workers, each with its own keep-alive connection, sends them. Every message
/// carries its sequence and its send timestamp. How late a message left against its schedule is recorded too, so
/// a publisher that cannot hold the rate shows up instead of silently lowering the load.
/// </summary>
internal sealed class PacedPublisher(ApiClient api, string channel, int rate, long total, long measuredFrom, int concurrency)
{
    private readonly int[] _statuses = new int[total];
    private readonly List<(LatencyHistogram Publish, LatencyHistogram Lag)> _workerHistograms = [];
    private long _start;
    private long _lastSent;

    /// <summary>The HTTP status of each sequence number (0: never sent), readable once <see cref="RunAsync"/> ended.</summary>
    public IReadOnlyList<int> Statuses => _statuses;

    /// <summary>When the first measured message was released.</summary>
    public long MeasurementStart { get; private set; }

    /// <summary>When the last message was sent.</summary>
    public long LastSent => _lastSent;

    /// <param name="onMeasurementStart">Called as the warm-up ends, right before the first measured message is released.</param>
    public async Task RunAsync(Action onMeasurementStart, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
        var workers = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => WorkAsync(queue.Reader, cancellationToken), CancellationToken.None))
            .ToArray();

        _start = BenchClock.Now;
        long next = 0;
        try
        {
            while (next < total)
            {
                var due = Math.Min(total, (BenchClock.Now - _start) * rate / Stopwatch.Frequency + 1);
                for (; next < due; next++)
                {
                    if (next == measuredFrom)
                    {
                        MeasurementStart = BenchClock.Now;
                        onMeasurementStart();
                    }

                    queue.Writer.TryWrite(next);
                }

                // About a millisecond on Linux: messages leave in small bursts, never more than ~1 ms late from pacing.
                await Task.Delay(1, cancellationToken);
            }
        }
        finally
        {
            queue.Writer.Complete();
            await Task.WhenAll(workers);
        }
    }

    /// <summary>Publish round trips (send → 202) of the measured messages.</summary>
    public LatencySummary PublishLatency() => Merge(h => h.Publish);

    /// <summary>How late measured messages left against their schedule.</summary>
    public LatencySummary ScheduleLag() => Merge(h => h.Lag);

    private LatencySummary Merge(Func<(LatencyHistogram Publish, LatencyHistogram Lag), LatencyHistogram> pick)
    {
        var merged = new LatencyHistogram();
        foreach (var histograms in _workerHistograms)
        {
            merged.Add(pick(histograms));
        }

        return merged.Summarize();
    }

    private async Task WorkAsync(ChannelReader<long> queue, CancellationToken cancellationToken)
    {
        var publish = new LatencyHistogram();
        var lag = new LatencyHistogram();
        lock (_workerHistograms)
        {
            _workerHistograms.Add((publish, lag));
        }

        await foreach (var sequence in queue.ReadAllAsync(cancellationToken))
        {
            var sent = BenchClock.Now;
            var status = await api.PostAsync(MessageStamp.Body(channel, sequence, sent), cancellationToken);
            var answered = BenchClock.Now;
            _statuses[sequence] = status;
            InterlockedMax(ref _lastSent, sent);
            if (sequence >= measuredFrom)
            {
                publish.Record(BenchClock.Microseconds(sent, answered));
                lag.Record(BenchClock.Microseconds(_start + (sequence * Stopwatch.Frequency / rate), sent));
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
