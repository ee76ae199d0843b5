using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Relay.Api.Options;
using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>
/// Runs <see cref="PublishScript"/> for one channel at a time: a publish to a channel with no script in flight goes at
/// once; those that arrive meanwhile wait and go together, in arrival order, in the next run. Under load one round
/// trip and one script run carry many messages (Redis and the Api do a fraction of the work); alone, a message waits
/// for nothing. Different channels run side by side.
/// </summary>
internal sealed class PublishBatcher(IConnectionMultiplexer redis, IOptions<HistoryOptions> history)
{
    /// <summary>At most this many messages per script run.</summary>
    public const int MaxBatchCount = 128;

    /// <summary>A run takes more messages only while it carries less than this (one message may be larger).</summary>
    public const int MaxBatchBytes = 512 * 1024;

    private readonly IDatabase _database = redis.GetDatabase();
    private readonly ConcurrentDictionary<string, ChannelQueue> _channels = new(StringComparer.Ordinal);

    /// <summary>Queues <paramref name="publish"/>; its task completes with its receipt, or with the run's exception.</summary>
    public void Enqueue(PendingPublish publish)
    {
        var channel = publish.Envelope.Channel;
        while (true)
        {
            var queue = _channels.GetOrAdd(channel, static name => new ChannelQueue(name));
            lock (queue)
            {
                if (queue.Retired)
                {
                    // Its sender just left it for an idle channel: take a fresh one.
                    continue;
                }

                queue.Pending.Enqueue(publish);
                if (queue.Sending)
                {
                    return;
                }

                queue.Sending = true;
            }

            // This request sends (its message at once, without a hop), but the runs after its first await must not carry
            // its context (trace, log scopes) for the requests that come later.
            using (ExecutionContext.SuppressFlow())
            {
                _ = SendAsync(queue);
            }

            return;
        }
    }

    private async Task SendAsync(ChannelQueue queue)
    {
        var batch = new List<PendingPublish>();
        while (true)
        {
            batch.Clear();
            lock (queue)
            {
                var bytes = 0;
                while (batch.Count < MaxBatchCount && bytes < MaxBatchBytes && queue.Pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                    bytes += next.Size;
                }

                if (batch.Count == 0)
                {
                    // Idle: forget the channel, so memory follows the channels in use, not every channel ever seen.
                    queue.Sending = false;
                    queue.Retired = true;
                    _channels.TryRemove(new KeyValuePair<string, ChannelQueue>(queue.Channel, queue));
                    return;
                }
            }

            await RunAsync(queue.Channel, batch);
        }
    }

    private async Task RunAsync(string channel, List<PendingPublish> batch)
    {
        // The Redis span goes under the publish span of the batch's first message.
        Activity.Current = batch[0].Activity;
        RedisResult[] results;
        try
        {
            results = await PublishScript.RunAsync(_database, channel, batch, history.Value);
        }
        catch (Exception ex)
        {
            foreach (var publish in batch)
            {
                publish.TrySetException(ex);
            }

            return;
        }
        finally
        {
            Activity.Current = null;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                batch[i].TrySetResult(PublishScript.ReadReceipt(results[i], batch[i]));
            }
            catch (Exception ex)
            {
                batch[i].TrySetException(ex);
            }
        }
    }

    private sealed class ChannelQueue(string channel)
    {
        public string Channel { get; } = channel;

        public Queue<PendingPublish> Pending { get; } = new();

        /// <summary>A sender is running for this channel (guarded by the queue's lock).</summary>
        public bool Sending { get; set; }

        /// <summary>Removed from the map while idle; an enqueue that still found it takes a new one.</summary>
        public bool Retired { get; set; }
    }
}
