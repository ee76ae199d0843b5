using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Relay.Dashboard.Hosting;

/// <summary>
/// The live-update feed. Writers only OR a flag (ingestion stays cheap however busy it is); the
/// <see cref="ChangeTicker"/> publishes the accumulated flags at most four times a second, so a page
/// refetches at a bounded rate instead of once per exported batch.
/// </summary>
internal sealed class DashboardChanges
{
    // A subscriber that falls behind loses old events only: every event means "refetch", so the newest suffice.
    private const int SubscriberBacklog = 8;

    private readonly ConcurrentDictionary<Channel<ChangeKinds>, byte> _subscribers = new();
    private int _pending;

    public void Notify(ChangeKinds kinds) => Interlocked.Or(ref _pending, (int)kinds);

    public ChangeKinds TakePending() => (ChangeKinds)Interlocked.Exchange(ref _pending, 0);

    public void Publish(ChangeKinds kinds)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(kinds);
        }
    }

    /// <summary>The published changes until <paramref name="ct"/> is cancelled; ends quietly then.</summary>
    public async IAsyncEnumerable<ChangeKinds> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<ChangeKinds>(new BoundedChannelOptions(SubscriberBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers.TryAdd(channel, 0);
        try
        {
            while (await WaitAsync(channel.Reader, ct))
            {
                while (channel.Reader.TryRead(out var kinds))
                {
                    yield return kinds;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<ChangeKinds> reader, CancellationToken ct)
    {
        try
        {
            return await reader.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
