using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Frames;
using Relay.WsBackend.Telemetry;
using StackExchange.Redis;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Keeps each channel with local subscribers in offset order: skips duplicates, repairs a gap from the history
/// before delivering on, follows a new epoch, and tells the subscribers (<c>subscribed</c>, <c>recovered:false</c>)
/// when messages are lost for good. Used by the delivery loop only, so nothing here needs a lock.
/// </summary>
internal sealed class MessageSequencer(
    SubscriptionRegistry subscriptions,
    MessageFanOut fanOut,
    HistoryReader history,
    WsBackendMetrics metrics,
    ILogger<MessageSequencer> logger)
{
    private readonly Dictionary<string, ChannelPosition> _positions = new(StringComparer.Ordinal);

    /// <summary>
    /// The channel's position for a new subscriber, read from Redis when this replica has none yet (or lost it to an
    /// outage). <c>Failure</c> is set when Redis could not be read: the position is then unknown.
    /// </summary>
    public async Task<(ChannelPosition Position, Exception? Failure)> AcquireAsync(string channel, CancellationToken cancellationToken)
    {
        if (!_positions.TryGetValue(channel, out var position))
        {
            position = new ChannelPosition();
            _positions.Add(channel, position);
        }

        if (position.Known)
        {
            return (position, null);
        }

        try
        {
            (position.Epoch, position.LastOffset) = await history.ReadPositionAsync(channel, cancellationToken);
            position.Known = true;
            return (position, null);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.HistoryUnavailable(logger, channel, ex.Message);
            return (position, ex);
        }
    }

    /// <summary>Forgets the channel once no local connection follows it, so memory stays bounded.</summary>
    public void ReleaseIfUnused(string channel)
    {
        if (!subscriptions.HasSubscribers(channel))
        {
            _positions.Remove(channel);
        }
    }

    /// <summary>Delivers one message from pub/sub, in offset order.</summary>
    public async Task OnPublishedAsync(string redisChannel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        metrics.MessageReceived();
        if (RelayChannels.FromRedis(redisChannel) is not { } channel)
        {
            Log.MalformedEnvelope(logger, redisChannel, "not a Relay channel");
            return;
        }

        // Nobody here follows the channel: not even worth decoding.
        if (!_positions.TryGetValue(channel, out var position))
        {
            return;
        }

        if (EnvelopeDecoder.Decode(payload.Span, channel, out var reason) is not { } envelope)
        {
            Log.MalformedEnvelope(logger, redisChannel, reason);
            return;
        }

        var offset = envelope.Offset.GetValueOrDefault();
        var epoch = envelope.Epoch!;
        if (!position.Known)
        {
            // Its subscribers came while Redis was unreadable: live from here, nothing to repair.
            (position.Epoch, position.LastOffset, position.Known) = (epoch, offset - 1, true);
        }
        else if (string.Equals(epoch, position.Epoch, StringComparison.Ordinal) && offset <= position.LastOffset)
        {
            Log.DuplicateSkipped(logger, channel, offset);
            return;
        }
        else
        {
            await AdvanceAsync(channel, position, epoch, offset - 1, cancellationToken);
        }

        fanOut.Publish(envelope);
        position.LastOffset = offset;
    }

    /// <summary>
    /// After the subscription came back: compares every followed channel with Redis and repairs what pub/sub lost
    /// meanwhile. A channel whose history is gone (no meta) waits for its next message, which brings the new epoch.
    /// </summary>
    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        foreach (var (channel, position) in _positions.ToArray())
        {
            try
            {
                await RefreshAsync(channel, position, cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Log.ResyncFailed(logger, ex.Message);
                return;
            }
        }
    }

    /// <summary>
    /// Reads the channel's position in Redis and brings its subscribers there (repairing from the history), for a
    /// client whose position is ahead of this replica's: pub/sub to here lags behind the replica it came from.
    /// </summary>
    /// <exception cref="RedisException">Redis is unreachable or failed.</exception>
    /// <exception cref="TimeoutException">Redis did not answer in time.</exception>
    public async Task RefreshAsync(string channel, ChannelPosition position, CancellationToken cancellationToken)
    {
        var current = await history.ReadPositionAsync(channel, cancellationToken);
        if (current.Epoch is null)
        {
            return;
        }

        if (!position.Known)
        {
            (position.Epoch, position.LastOffset, position.Known) = (current.Epoch, current.Offset, true);
            return;
        }

        await AdvanceAsync(channel, position, current.Epoch, current.Offset, cancellationToken);
    }

    /// <summary>
    /// Brings the channel's subscribers to offset <paramref name="through"/> of <paramref name="epoch"/>: what they
    /// lack is repaired from the history. Another epoch than theirs means Redis lost data: they start over from its
    /// first offset, told that messages were lost.
    /// </summary>
    private async Task AdvanceAsync(string channel, ChannelPosition position, string epoch, long through, CancellationToken cancellationToken)
    {
        var lost = false;
        if (position.Epoch is null)
        {
            // The channel had no message when its subscribers came: everything of this first epoch is theirs.
            position.Epoch = epoch;
        }
        else if (!string.Equals(epoch, position.Epoch, StringComparison.Ordinal))
        {
            Log.EpochChanged(logger, channel, position.Epoch, epoch);
            (position.Epoch, position.LastOffset, lost) = (epoch, 0, true);
        }

        if (lost || through > position.LastOffset)
        {
            await CatchUpAsync(channel, position, through, lost, cancellationToken);
        }
    }

    private async Task CatchUpAsync(string channel, ChannelPosition position, long through, bool lost, CancellationToken cancellationToken)
    {
        var repaired = 0;
        try
        {
            var more = true;
            while (more && position.LastOffset < through)
            {
                var entries = await history.ReadRangeAsync(channel, position.LastOffset + 1, through, HistoryLimits.MaxPage, cancellationToken);
                more = entries.Count == HistoryLimits.MaxPage;
                foreach (var (offset, envelope) in entries)
                {
                    if (!string.Equals(envelope.Epoch, position.Epoch, StringComparison.Ordinal))
                    {
                        // Redis lost its data under our feet: the next message or resync brings the new epoch.
                        more = false;
                        break;
                    }

                    if (lost || offset != position.LastOffset + 1)
                    {
                        // The history no longer holds what came before: a partial repair, said so.
                        AnnounceLoss(channel, position.Epoch!, offset - 1);
                        lost = false;
                    }

                    fanOut.Publish(envelope);
                    position.LastOffset = offset;
                    repaired++;
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.GapRepairFailed(logger, channel, position.LastOffset, through, ex.Message);
        }

        if (repaired > 0)
        {
            metrics.GapRepaired(repaired);
            Log.GapRepaired(logger, channel, repaired);
        }

        if (lost || position.LastOffset < through)
        {
            AnnounceLoss(channel, position.Epoch!, through);
            position.LastOffset = through;
        }
    }

    private void AnnounceLoss(string channel, string epoch, long offset)
    {
        Log.MessagesLost(logger, channel, epoch, offset);
        fanOut.Broadcast(channel, ServerFrames.Subscribed(channel, offset, epoch, recovered: false));
    }
}
