using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// Every <see cref="PresenceLimits.Heartbeat"/>: tells Redis this process is alive and, in the same script, removes
/// the processes silent past <see cref="PresenceLimits.ReplicaExpiry"/> with their members. Runs apart from the
/// writer, so a backlog of joins never delays it into looking dead.
/// </summary>
internal sealed class PresenceHeartbeat(
    IConnectionMultiplexer redis,
    PresenceProcess process,
    RedisPresenceTracker tracker,
    PresenceOutage outage,
    TimeProvider timeProvider,
    ILogger<PresenceHeartbeat> logger)
{
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
            var result = await PresenceScripts.BeatAsync(redis.GetDatabase(), process.Id).WaitAsync(cancellationToken);
            outage.Succeeded();
            if (result.DeadProcesses > 0)
            {
                Log.SweptDeadProcesses(logger, result.DeadProcesses, result.Leaves);
            }

            // Listed before and not now: another process took this one for dead (it was cut off past the expiry)
            // and removed its members, or Redis lost its data. Either way the members must be written again.
            if (tracker.Registered(result.WasKnown))
            {
                Log.ProcessForgotten(logger);
                tracker.RequestReassert();
            }
            else if (tracker.ReassertNeeded)
            {
                tracker.RequestReassert();
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
}
