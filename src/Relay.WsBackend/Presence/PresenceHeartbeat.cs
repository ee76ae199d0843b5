using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// Every <see cref="PresenceLimits.Heartbeat"/>: tells Redis this process is alive and, in the same script, claims
/// the processes silent past <see cref="PresenceLimits.ReplicaExpiry"/>, then sweeps those (<see cref="PresenceSweep"/>)
/// beside the next heartbeats. Runs apart from the writer and the sweeps, so neither a backlog of joins nor a long
/// sweep delays it into looking dead.
/// </summary>
internal sealed class PresenceHeartbeat(
    IConnectionMultiplexer redis,
    PresenceRegistration registration,
    RedisPresenceTracker tracker,
    PresenceOutage outage,
    TimeProvider timeProvider,
    ILogger<PresenceHeartbeat> logger)
{
    // The sweeps, one after the other: each waits for the one before; the last is awaited when the heartbeat ends.
    private Task _sweeps = Task.CompletedTask;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PresenceLimits.Heartbeat, timeProvider);
        try
        {
            do
            {
                await BeatAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await _sweeps;
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            outage.Failed("not connected");
            return;
        }

        try
        {
            var db = redis.GetDatabase();
            var (forgotten, toSweep) = await registration.BeatAsync(db, claimDead: true).WaitAsync(cancellationToken);
            outage.Succeeded();

            // Forgotten: another process took this one for dead (it was cut off past the expiry) and is removing its
            // members, or Redis lost its data. The writer takes a new id and writes the members again under it.
            if (forgotten || tracker.ReassertNeeded)
            {
                tracker.RequestReassert();
            }

            if (toSweep.Length > 0)
            {
                _sweeps = SweepAsync(_sweeps, db, toSweep, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            outage.Failed(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HeartbeatFailed(logger, ex);
        }
    }

    // The processes this heartbeat claimed, no other process sweeps them. One left half swept (this process stopped,
    // or Redis failed) keeps its claim until it is older than the expiry; then a heartbeat claims it again.
    private async Task SweepAsync(Task before, IDatabaseAsync db, string[] processIds, CancellationToken cancellationToken)
    {
        await before;
        long leaves = 0;
        try
        {
            foreach (var processId in processIds)
            {
                leaves += await PresenceSweep.RunAsync(db, processId, []).WaitAsync(cancellationToken);
            }

            Log.SweptDeadProcesses(logger, processIds.Length, leaves);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the claims are taken up again after the expiry.
        }
        catch (Exception ex)
        {
            Log.SweepFailed(logger, ex, processIds.Length, PresenceLimits.ReplicaExpiry);
        }
    }
}
