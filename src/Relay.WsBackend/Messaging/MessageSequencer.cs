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
    IMessageSubscriber subscriber,
    MessageFanOut fanOut,
    HistoryReader history,
    WsBackendMetrics metrics,
    ILogger<MessageSequencer> logger)
{
    private readonly Dictionary<string, ChannelPosition> _positions = new(StringComparer.Ordinal);

    /// <summary>
    /// The channel's position for a new subscriber, read from Redis when this replica has none yet (or lost it to an
    /// outage), after the channel's broker subscription is confirmed, so nothing published after the position is
    /// missed. Not <see cref="ChannelPosition.Known"/> when Redis could not be read (logged here).
    /// </summary>
    public async Task<ChannelPosition> AcquireAsync(string channel, CancellationToken cancellationToken)
    {
        if (!_positions.TryGetValue(channel, out var position))
        {
            position = new ChannelPosition();
            _positions.Add(channel, position);
        }

        if (position.Known)
        {
            return position;
        }

        try
        {
            await subscriber.FollowAsync(channel, cancellationToken);
            (position.Epoch, position.LastOffset, position.Start) = await history.ReadPositionAsync(channel, cancellationToken);
            position.Known = true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.HistoryUnavailable(logger, channel, ex.Message);
        }

        return position;
    }

    /// <summary>
    /// Forgets the channel and leaves its broker subscription once no local connection follows it, so memory stays
    /// bounded and the replica receives nothing for it any more.
    /// </summary>
    public void ReleaseIfUnused(string channel)
    {
        if (!subscriptions.HasSubscribers(channel) && _positions.Remove(channel))
        {
            subscriber.Unfollow(channel);
        }
    }

    /// <summary>
    /// True once a history read failed: some channel is behind Redis (or was not compared with it), and a resync
    /// should run again until one whole pass succeeds.
    /// </summary>
    public bool ResyncWanted { get; private set; }

    /// <summary>Delivers one message from pub/sub, in offset order.</summary>
    public async Task OnPublishedAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        metrics.MessageReceived();

        // The last follower left while the message was on its way: nobody here wants it.
        if (!_positions.TryGetValue(channel, out var position))
        {
            return;
        }

        if (EnvelopeDecoder.Decode(payload.Span, channel, out var reason) is not { } envelope)
        {
            Log.MalformedEnvelope(logger, channel, reason);
            return;
        }

        var offset = envelope.Offset.GetValueOrDefault();
        var epoch = envelope.Epoch!;
        if (!position.Known)
        {
            // Its subscribers came while Redis was unreadable: live from here, nothing to repair.
            (position.Epoch, position.LastOffset, position.Known) = (epoch, offset - 1, true);
        }
        else if (position.Epoch is not null && EpochOrder.Compare(epoch, position.Epoch) < 0)
        {
            // Still on its way when a resync moved the channel to the epoch after it: that history is gone.
            Log.OlderEpochDropped(logger, channel, offset, epoch, position.Epoch);
            return;
        }
        else if (EpochOrder.Same(epoch, position.Epoch) && offset <= position.LastOffset)
        {
            Log.DuplicateSkipped(logger, channel, offset);
            return;
        }
        else if (position.RepairPending || !await AdvanceAsync(channel, position, epoch, offset - 1, cancellationToken))
        {
            // Delivered now it would jump the messages the repair could not read. It is in the history, after
            // them: the resync that repairs them brings it too, in order.
            Log.HeldForRepair(logger, channel, offset);
            ResyncWanted = true;
            return;
        }

        fanOut.Publish(envelope);
        position.LastOffset = offset;
    }

    /// <summary>
    /// Compares every followed channel with Redis and repairs what pub/sub lost meanwhile: after the subscription
    /// came back, and again (see <see cref="ResyncWanted"/>) after a failed history read. A channel whose history is
    /// gone (no meta) waits for its next message, which brings the new epoch.
    /// </summary>
    /// <returns>True when every channel was compared and repaired; false at the first that could not be.</returns>
    public async Task<bool> ResyncAsync(CancellationToken cancellationToken)
    {
        ResyncWanted = false;
        foreach (var (channel, position) in _positions.ToArray())
        {
            try
            {
                if (!await RefreshAsync(channel, position, cancellationToken))
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Log.ResyncFailed(logger, ex.Message);
                ResyncWanted = true;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads the channel's position in Redis and brings its subscribers there (repairing from the history): in a
    /// resync, and for a client whose position is ahead of this replica's (pub/sub to here lags behind the replica
    /// it came from).
    /// </summary>
    /// <returns>False when the repair could not read the history: the channel is behind, and a resync is wanted.</returns>
    /// <exception cref="RedisException">Redis is unreachable or failed.</exception>
    /// <exception cref="TimeoutException">Redis did not answer in time.</exception>
    public async Task<bool> RefreshAsync(string channel, ChannelPosition position, CancellationToken cancellationToken)
    {
        var current = await history.ReadPositionAsync(channel, cancellationToken);
        if (current.Epoch is null)
        {
            // Nothing to repair from: the channel's next message brings its new epoch, and must not be held back.
            position.RepairPending = false;
            return true;
        }

        if (!position.Known)
        {
            (position.Epoch, position.LastOffset, position.Start, position.Known, position.RepairPending) =
                (current.Epoch, current.Offset, current.Start, true, false);
            return true;
        }

        if (EpochOrder.Same(current.Epoch, position.Epoch) && current.Offset < position.LastOffset)
        {
            // Redis restarted without its last writes (AOF fsyncs once a second): the offsets after its position
            // will carry other messages, which the subscribers must take rather than skip as duplicates.
            Log.OffsetsRolledBack(logger, channel, current.Epoch, position.LastOffset, current.Offset);
            AnnounceLoss(channel, current.Epoch, current.Offset);
            (position.LastOffset, position.RepairPending) = (current.Offset, false);
            return true;
        }

        return await AdvanceAsync(channel, position, current.Epoch, current.Offset, cancellationToken, current.Start);
    }

    /// <summary>
    /// Brings the channel's subscribers to offset <paramref name="through"/> of <paramref name="epoch"/>: what they
    /// lack is repaired from the history. Another epoch than theirs means Redis may have lost data: they get what
    /// they lack of the offsets both epochs share (below the new one's <paramref name="start"/>, read when not
    /// given), are told of the new epoch (<c>recovered:false</c>), and go on from its first offset.
    /// </summary>
    /// <returns>False when the history could not be read: the position stays where the repair got to.</returns>
    private async Task<bool> AdvanceAsync(
        string channel, ChannelPosition position, string epoch, long through, CancellationToken cancellationToken, long? start = null)
    {
        if (position.Epoch is null)
        {
            // The channel had no message when its subscribers came: everything of this first epoch is theirs.
            position.Epoch = epoch;
        }
        else if (!EpochOrder.Same(epoch, position.Epoch))
        {
            if (start is null)
            {
                (string? Epoch, long Offset, long Start) current;
                try
                {
                    current = await history.ReadPositionAsync(channel, cancellationToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    Log.GapRepairFailed(logger, channel, position.LastOffset, through, ex.Message);
                    ResyncWanted = true;
                    position.RepairPending = true;
                    return false;
                }

                if (!EpochOrder.Same(current.Epoch, epoch))
                {
                    // The channel moved on again meanwhile: a resync reads where it stands now.
                    ResyncWanted = true;
                    position.RepairPending = true;
                    return false;
                }

                start = current.Start;
            }

            // A promoted master kept the offsets before its epoch's start: this replica's subscribers get what they
            // lack of them, in their own epoch, before the new one begins.
            if (position.LastOffset < start - 1 && !await CatchUpAsync(channel, position, start.Value - 1, cancellationToken))
            {
                position.RepairPending = true;
                ResyncWanted = true;
                return false;
            }

            Log.EpochChanged(logger, channel, position.Epoch, epoch);
            (position.Epoch, position.LastOffset, position.Start) = (epoch, start.Value - 1, start.Value);
            fanOut.Broadcast(channel, ServerFrames.Subscribed(channel, position.LastOffset, epoch, recovered: false));
        }

        var repaired = through <= position.LastOffset || await CatchUpAsync(channel, position, through, cancellationToken);
        position.RepairPending = !repaired;
        ResyncWanted |= !repaired;
        return repaired;
    }

    /// <summary>
    /// Delivers offsets after the channel's last one up to <paramref name="through"/> from the history, page by page.
    /// Only what a successful read shows missing (trimmed, or a malformed entry) is announced as lost.
    /// </summary>
    /// <returns>False when a read failed or found another epoch; the position then holds what was delivered.</returns>
    private async Task<bool> CatchUpAsync(string channel, ChannelPosition position, long through, CancellationToken cancellationToken)
    {
        var repaired = 0;
        try
        {
            var from = position.LastOffset + 1;
            while (from <= through)
            {
                var page = await history.ReadRangeAsync(channel, from, through, HistoryReader.PageSize, cancellationToken);
                foreach (var (offset, envelope) in page.Entries)
                {
                    if (!EpochOrder.Same(envelope.Epoch, position.Epoch))
                    {
                        // Redis lost its data under our feet: the resync reads the new epoch and starts over from it.
                        Log.GapRepairFailed(logger, channel, position.LastOffset, through, $"the history holds epoch {envelope.Epoch}");
                        return false;
                    }

                    if (offset != position.LastOffset + 1)
                    {
                        // The history no longer holds what came before: a partial repair, said so.
                        AnnounceLoss(channel, position.Epoch!, offset - 1);
                    }

                    fanOut.Publish(envelope);
                    position.LastOffset = offset;
                    repaired++;
                }

                if (!page.Full)
                {
                    break;
                }

                from = page.LastOffset + 1;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.GapRepairFailed(logger, channel, position.LastOffset, through, ex.Message);
            return false;
        }
        finally
        {
            if (repaired > 0)
            {
                metrics.GapRepaired(repaired);
                Log.GapRepaired(logger, channel, repaired);
            }
        }

        if (position.LastOffset < through)
        {
            // Read to the end: the rest is no longer in the history.
            AnnounceLoss(channel, position.Epoch!, through);
            position.LastOffset = through;
        }

        return true;
    }

    private void AnnounceLoss(string channel, string epoch, long offset)
    {
        Log.MessagesLost(logger, channel, epoch, offset);
        fanOut.Broadcast(channel, ServerFrames.Subscribed(channel, offset, epoch, recovered: false));
    }
}
