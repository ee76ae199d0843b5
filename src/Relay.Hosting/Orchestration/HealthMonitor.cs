using Microsoft.Extensions.Logging;

namespace Relay.Hosting.Orchestration;

/// <summary>
/// Checks an instance's health while it runs: every 200 ms until it is healthy (so that dependents start
/// quickly), then every 5 s.
/// </summary>
internal static class HealthMonitor
{
    private static readonly TimeSpan s_fastInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_slowInterval = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(ResourceInstance instance, IHealthProbe probe, ILogger logger, CancellationToken cancellationToken)
    {
        bool wasHealthy = false, everHealthy = false;
        try
        {
            while (true)
            {
                var healthy = await CheckAsync(probe, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                instance.Update(snapshot => snapshot.State == ResourceState.Running
                    ? snapshot with { Health = healthy ? HealthState.Healthy : HealthState.Unhealthy }
                    : snapshot);

                if (wasHealthy && !healthy)
                {
                    Log.BecameUnhealthy(logger, instance.Name, probe.Description);
                }
                else if (!wasHealthy && healthy && everHealthy)
                {
                    Log.BecameHealthy(logger, instance.Name);
                }

                wasHealthy = healthy;
                everHealthy |= healthy;
                await Task.Delay(healthy ? s_slowInterval : s_fastInterval, cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The instance stopped or exited: its health is no longer known. Whatever the cancelled probe threw
            // (a refused connection as the process died, say) must not reach the exit handling that awaits us.
        }
    }

    // A probe that throws says "unhealthy"; the monitor itself never fails while the instance runs.
    private static async Task<bool> CheckAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        try
        {
            return await probe.CheckAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
