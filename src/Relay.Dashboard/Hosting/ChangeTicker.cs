using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Relay.Dashboard.Hosting;

/// <summary>
/// Publishes coalesced changes every 250 ms. <see cref="IDashboardResources"/> has no change event, so
/// resources are polled once a second and compared by fingerprint; console lines come by subscription.
/// </summary>
internal sealed class ChangeTicker(IDashboardResources resources, DashboardChanges changes, ILogger<ChangeTicker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    private const int TicksPerResourcePoll = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = resources.SubscribeConsoleLogs(_ => changes.Notify(ChangeKinds.Console));
        using var timer = new PeriodicTimer(Period);
        var fingerprint = 0;
        var tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (tick++ % TicksPerResourcePoll == 0)
                {
                    fingerprint = PollResources(fingerprint);
                }

                var pending = changes.TakePending();
                if (pending != ChangeKinds.None)
                {
                    changes.Publish(pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private int PollResources(int previous)
    {
        try
        {
            var current = Fingerprint(resources.GetResources());
            if (current != previous)
            {
                changes.Notify(ChangeKinds.Resources);
            }

            return current;
        }
        catch (Exception ex)
        {
            Log.ResourcePollFailed(logger, ex);
            return previous;
        }
    }

    private static int Fingerprint(IReadOnlyList<DashboardResource> list)
    {
        var hash = new HashCode();
        hash.Add(list.Count);
        foreach (var r in list)
        {
            hash.Add(r.Instance);
            hash.Add(r.State);
            hash.Add(r.Health);
            hash.Add(r.ProcessId);
            hash.Add(r.ExitCode);
            hash.Add(r.StartedAt);
            hash.Add(r.RestartCount);
            hash.Add(r.Endpoints.Count);
        }

        return hash.ToHashCode();
    }
}
