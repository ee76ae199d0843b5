using Relay.Contracts;
using Relay.Contracts.Flow;
using Relay.Flow;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Identity;

namespace Relay.WsBackend.Flow;

/// <summary>
/// This replica's cumulative flow figures, counted on the delivery path: an Interlocked add per message and per
/// frame, no lock and no allocation. The reporter reads them once per interval and writes the difference.
/// </summary>
internal sealed class FlowFigures(ConnectionTracker connections, ReplicaIdentity replica, TimeProvider timeProvider) : IFlowSource
{
    public string Service => ResourceNames.WsBackend;

    public string Instance => replica.Id;

    private readonly long[] _latency = new long[FlowLatency.BucketCount];
    private long _received;
    private long _delivered;

    public void Received() => Interlocked.Increment(ref _received);

    /// <summary>Message frames written to a socket since the start (the <c>relay.messages.delivered</c> counter).</summary>
    public long DeliveredTotal => Interlocked.Read(ref _delivered);

    /// <summary>A message frame was written to one socket, <paramref name="lagTicks"/> after its publishedAt.</summary>
    public void Delivered(long lagTicks)
    {
        Interlocked.Increment(ref _delivered);
        Interlocked.Increment(ref _latency[FlowLatency.BucketOf(lagTicks)]);
    }

    public FlowReading Read()
    {
        var latency = new long[_latency.Length];
        for (var i = 0; i < latency.Length; i++)
        {
            latency[i] = Interlocked.Read(ref _latency[i]);
        }

        var total = FlowCounts.Zero with { Received = Interlocked.Read(ref _received), Delivered = Interlocked.Read(ref _delivered) };
        return new FlowReading(timeProvider.GetUtcNow(), timeProvider.GetTimestamp(), total, connections.Count, latency);
    }
}
