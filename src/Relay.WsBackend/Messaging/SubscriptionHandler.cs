using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Frames;
using Relay.WsBackend.Identity;
using Relay.WsBackend.Options;
using Relay.WsBackend.Presence;
using Relay.WsBackend.Telemetry;
using StackExchange.Redis;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Applies what changes a socket's channels: its opening, subscribes (with recovery from a position), unsubscribes
/// and its end. Used by the delivery loop only: a subscribe handled between two messages replays exactly what
/// came after the client's position, and the next message is live, with neither a gap nor a duplicate.
/// </summary>
internal sealed class SubscriptionHandler(
    SubscriptionRegistry subscriptions,
    MessageSequencer sequencer,
    HistoryReader history,
    IPresenceTracker presence,
    ReplicaIdentity replica,
    IOptions<WsBackendOptions> options,
    WsBackendMetrics metrics,
    ILogger<SubscriptionHandler> logger)
{
    // A replay must leave room in the send queue for the live messages behind it, or it would close its own socket.
    private readonly int _replayBudgetBytes = options.Value.SendQueueLimitBytes / 2;

    /// <summary>
    /// Subscribes a new connection to its query's channels, then welcomes it. Every read happens before the welcome
    /// is queued, so a client that publishes once welcomed gets its message.
    /// </summary>
    public async Task OpenAsync(ClientConnection connection, string[] channels, ClientPosition? since, CancellationToken cancellationToken)
    {
        try
        {
            var plans = new Plan[channels.Length];
            for (var i = 0; i < channels.Length; i++)
            {
                plans[i] = await PrepareAsync(channels[i], channels.Length == 1 ? since : null, cancellationToken);
            }

            connection.Enqueue(ServerFrames.Welcome(replica.Id, connection.Client, connection.Name, channels, connection.Grant?.ExpiresAt));
            foreach (var plan in plans)
            {
                Apply(connection, plan);
            }
        }
        finally
        {
            foreach (var channel in channels)
            {
                sequencer.ReleaseIfUnused(channel);
            }
        }
    }

    /// <summary>A subscribe frame; one for a channel already followed is answered (and recovers) the same way.</summary>
    public async Task SubscribeAsync(ClientConnection connection, string channel, ClientPosition? since, CancellationToken cancellationToken)
    {
        try
        {
            Apply(connection, await PrepareAsync(channel, since, cancellationToken));
        }
        finally
        {
            sequencer.ReleaseIfUnused(channel);
        }
    }

    public void Unsubscribe(ClientConnection connection, string channel)
    {
        Leave(connection, channel);
        connection.Enqueue(ServerFrames.Unsubscribed(channel));
    }

    /// <summary>The connection ended: it leaves every channel it still asked for.</summary>
    public void Close(ClientConnection connection)
    {
        foreach (var channel in connection.Channels)
        {
            Leave(connection, channel);
        }
    }

    private void Leave(ClientConnection connection, string channel)
    {
        if (subscriptions.Unsubscribe(channel, connection) && connection.Presence is { } who)
        {
            presence.Left(channel, who);
        }

        sequencer.ReleaseIfUnused(channel);
    }

    private async Task<Plan> PrepareAsync(string channel, ClientPosition? since, CancellationToken cancellationToken)
    {
        var position = await sequencer.AcquireAsync(channel, cancellationToken);
        if (!position.Known)
        {
            return Fail(channel, position, since);
        }

        if (since is not { } from)
        {
            return new Plan(channel, position.LastOffset, position.Epoch, null, null, null);
        }

        try
        {
            // The client may come from a replica that is ahead of this one (a message still on its way here, or a
            // new epoch): catch the channel up first. Its live subscribers then get it now, not a moment later.
            if ((!EpochOrder.Same(from.Epoch, position.Epoch) || from.Offset > position.LastOffset)
                && !await sequencer.RefreshAsync(channel, position, cancellationToken))
            {
                return Fail(channel, position, since);
            }

            if (EpochOrder.Same(from.Epoch, position.Epoch))
            {
                // A position past the channel's (Redis went back, losing its last writes) cannot be recovered either.
                var replay = from.Offset <= position.LastOffset ? await ReplayAsync(channel, position, from.Offset, cancellationToken) : null;
                metrics.Recovery(replay is not null);
                return new Plan(channel, position.LastOffset, position.Epoch, replay is not null, null, replay);
            }

            // Another epoch: what the client missed before it is gone. When this epoch is still whole in the history,
            // the client starts from its beginning and gets what live subscribers got.
            var epochStart = position.Start - 1;
            var whole = position.Epoch is null ? null : await ReplayAsync(channel, position, epochStart, cancellationToken);
            metrics.Recovery(false);
            return whole is null
                ? new Plan(channel, position.LastOffset, position.Epoch, false, null, null)
                : new Plan(channel, epochStart, position.Epoch, false, null, whole);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.HistoryUnavailable(logger, channel, ex.Message);
            return Fail(channel, position, since);
        }
    }

    private Plan Fail(string channel, ChannelPosition position, ClientPosition? since)
    {
        if (since is not null)
        {
            metrics.Recovery(false);
        }

        return new Plan(
            channel, position.LastOffset, position.Epoch, false,
            $"history of \"{channel}\" unavailable: Redis is unreachable, subscribed without recovery", null);
    }

    /// <summary>
    /// The frames of every message after offset <paramref name="after"/>, up to the channel's position, read page by
    /// page; null when they cannot all be replayed (trimmed from the history, another epoch, or too many: past
    /// <see cref="HistoryLimits.MaxPage"/> messages or the byte budget). A partial replay is no recovery.
    /// </summary>
    private async Task<List<byte[]>?> ReplayAsync(string channel, ChannelPosition position, long after, CancellationToken cancellationToken)
    {
        var count = position.LastOffset - after;
        if (count > HistoryLimits.MaxPage)
        {
            return null;
        }

        var frames = new List<byte[]>((int)Math.Min(count, HistoryReader.PageSize));
        var bytes = 0L;
        var next = after + 1;
        while (next <= position.LastOffset)
        {
            var page = await history.ReadRangeAsync(channel, next, position.LastOffset, HistoryReader.PageSize, cancellationToken);
            foreach (var (offset, envelope) in page.Entries)
            {
                if (offset != next || !EpochOrder.Same(envelope.Epoch, position.Epoch))
                {
                    return null;
                }

                var frame = ServerFrames.Message(envelope);
                bytes += frame.Length;
                if (bytes > _replayBudgetBytes)
                {
                    Log.ReplayTooLarge(logger, channel, count, _replayBudgetBytes);
                    return null;
                }

                frames.Add(frame);
                next++;
            }

            // A malformed entry left out of the page, or the history ends early: what is missing is not replayed.
            if (!page.Full || page.LastOffset != next - 1)
            {
                break;
            }
        }

        return next > position.LastOffset ? frames : null;
    }

    private void Apply(ClientConnection connection, Plan plan)
    {
        if (plan.Error is not null)
        {
            connection.Enqueue(ServerFrames.Error(plan.Error));
        }

        // The position goes before the replay, and the replay before any live message.
        connection.Enqueue(ServerFrames.Subscribed(plan.Channel, plan.Offset, plan.Epoch, plan.Recovered));
        foreach (var frame in plan.Replay ?? [])
        {
            // Queued as a plain frame: a replayed message's age is no delivery lag.
            connection.Enqueue(frame);
        }

        if (subscriptions.Subscribe(plan.Channel, connection) && connection.Presence is { } who)
        {
            presence.Joined(plan.Channel, who);
        }
    }

    /// <summary>
    /// A subscribe, read and decided, ready to be applied without another await: the position its <c>subscribed</c>
    /// frame tells, then the replay that brings the client from there to the channel's position.
    /// </summary>
    private sealed record Plan(string Channel, long Offset, string? Epoch, bool? Recovered, string? Error, List<byte[]>? Replay);
}
