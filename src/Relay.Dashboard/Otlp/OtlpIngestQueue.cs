using System.Threading.Channels;
using Google.Protobuf;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// Decoded export requests waiting for the store. Enqueueing never blocks an exporter: when the single
/// writer falls behind, the oldest waiting batch is dropped and counted (<c>GET /api/stats</c>).
/// </summary>
internal sealed class OtlpIngestQueue
{
    // Batches, not items: the .NET SDK sends up to 512 spans or logs per batch, so this holds ~100k of them.
    private const int Capacity = 256;

    private readonly Channel<IMessage> _channel;
    private long _dropped;

    public OtlpIngestQueue()
    {
        _channel = Channel.CreateBounded<IMessage>(
            new BoundedChannelOptions(Capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    public long DroppedBatches => Interlocked.Read(ref _dropped);

    public int PendingBatches => _channel.Reader.Count;

    public void Enqueue(IMessage batch) => _channel.Writer.TryWrite(batch);

    public IAsyncEnumerable<IMessage> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
