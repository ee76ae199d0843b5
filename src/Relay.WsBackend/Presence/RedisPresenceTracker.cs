using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// Keeps this process's members in a local map (bounded by its connections) and writes each change to Redis
/// through one background writer (<see cref="PresenceWriter"/>), in call order, once Redis listed the process.
/// While Redis fails, or the writer's lease lapsed, changes are only kept locally; the next successful write is then
/// a <see cref="PresenceWriter.ReassertAsync"/> of the whole map, which publishes a join for each member Redis did
/// not have and a leave for each it had that is gone.
/// </summary>
internal sealed class RedisPresenceTracker(
    IConnectionMultiplexer redis,
    PresenceRegistration registration,
    PresenceWriter writer,
    PresenceOutage outage,
    ILogger<RedisPresenceTracker> logger) : IPresenceTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, string Client), LocalMember> _members = [];
    private readonly Dictionary<string, int> _membersPerChannel = new(StringComparer.Ordinal);
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private bool _stopped;

    // Set by whoever sees Redis may have lost or missed writes; the writer then writes the whole map again.
    private volatile bool _reassertNeeded;

    public bool ReassertNeeded => _reassertNeeded;

    /// <summary>This process's members: one per named connection and channel it follows.</summary>
    public int MemberCount
    {
        get
        {
            lock (_gate)
            {
                return _members.Count;
            }
        }
    }

    public void Joined(string channel, PresenceIdentity who)
    {
        var member = new LocalMember(channel, who);
        lock (_gate)
        {
            if (_stopped || !_members.TryAdd((channel, who.Client), member))
            {
                return;
            }

            _membersPerChannel[channel] = _membersPerChannel.GetValueOrDefault(channel) + 1;
            _work.Writer.TryWrite(new Work(member, Leave: false, LastInChannel: false));
        }
    }

    public void Left(string channel, PresenceIdentity who)
    {
        lock (_gate)
        {
            if (_stopped || !_members.Remove((channel, who.Client), out var member))
            {
                return;
            }

            var remaining = _membersPerChannel[channel] - 1;
            if (remaining == 0)
            {
                _membersPerChannel.Remove(channel);
            }
            else
            {
                _membersPerChannel[channel] = remaining;
            }

            _work.Writer.TryWrite(new Work(member, Leave: true, LastInChannel: remaining == 0));
        }
    }

    /// <summary>
    /// Asks the writer to write every local member again (after a reconnect, a lapsed lease, or when Redis forgot this
    /// process: then under a new id).
    /// </summary>
    public void RequestReassert()
    {
        _reassertNeeded = true;
        _work.Writer.TryWrite(Work.Reassert);
    }

    /// <summary>The writer: runs until <see cref="Complete"/> drained the queue, or <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await registration.FirstListed.WaitAsync(cancellationToken);
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
            {
                await WriteAsync(work, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping in a hurry: what is left unwritten is removed with the whole process right after.
        }
        catch (Exception ex)
        {
            Log.WriterFailed(logger, ex);
        }
    }

    /// <summary>Stops taking changes: later joins and leaves are ignored, the writer ends once the queue is drained.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _stopped = true;
            _work.Writer.TryComplete();
        }
    }

    private async Task WriteAsync(Work work, CancellationToken cancellationToken)
    {
        if (_reassertNeeded)
        {
            // The map already holds this change; writing it alone could publish it before what was missed.
            if (work.Member is not null)
            {
                Dropped(work);
            }
            else if (redis.IsConnected)
            {
                await ReassertAsync(cancellationToken);
            }

            return;
        }

        if (work.Member is not { } member)
        {
            return;
        }

        if (!redis.IsConnected)
        {
            _reassertNeeded = true;
            outage.Failed("not connected");
            Dropped(work);
            return;
        }

        try
        {
            var written = work.Leave
                ? await writer.LeaveAsync(member.Channel, member.Who, work.LastInChannel).WaitAsync(cancellationToken)
                : await writer.JoinAsync(member.Channel, member.Who).WaitAsync(cancellationToken);
            if (!written)
            {
                // No heartbeat found this process listed for a while: the next one that does asks for a full write.
                _reassertNeeded = true;
                Dropped(work);
                return;
            }

            outage.Succeeded();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
        }
    }

    private async Task ReassertAsync(CancellationToken cancellationToken)
    {
        // Cleared first: a failure reported while this runs asks for one more.
        _reassertNeeded = false;
        LocalMember[] members;
        lock (_gate)
        {
            members = [.. _members.Values];
        }

        try
        {
            var (leaves, joins) = await writer.ReassertAsync([.. members.Select(m => (m.Channel, m.Who))]).WaitAsync(cancellationToken);
            outage.Succeeded();
            Log.Reasserted(logger, members.Length, leaves, joins);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
        }
    }

    private void Dropped(Work work) =>
        Log.WriteDropped(logger, work.Leave ? PresenceFrames.Leave : PresenceFrames.Join, work.Member!.Who.Client, work.Member.Channel);

    private void Failed(Exception exception)
    {
        _reassertNeeded = true;
        if (exception is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            outage.Failed(exception.Message);
        }
        else
        {
            Log.WriteFailed(logger, exception);
        }
    }

    /// <summary>One member of this process in one channel.</summary>
    private sealed record LocalMember(string Channel, PresenceIdentity Who);

    /// <summary>A join or leave of <see cref="Member"/>, or (no member) a request to write the whole map again.</summary>
    private readonly record struct Work(LocalMember? Member, bool Leave, bool LastInChannel)
    {
        public static Work Reassert => default;
    }
}
