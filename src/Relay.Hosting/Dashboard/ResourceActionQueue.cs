using Microsoft.Extensions.Logging;

namespace Relay.Hosting.Dashboard;

/// <summary>
/// The dashboard's start, stop and restart commands, which run after its request has been answered. They are
/// tracked so that stopping the app first cancels and awaits them: a restart must not launch a process after
/// the app has stopped everything.
/// </summary>
internal sealed class ResourceActionQueue(ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private CancellationTokenSource _stopping = new();

    /// <summary>Accepts commands again (the app starts).</summary>
    public void Open()
    {
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                _stopping.Dispose();
                _stopping = new CancellationTokenSource();
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> in the background; its failure is logged, never thrown.</summary>
    public void Run(string description, Func<CancellationToken, Task> action)
    {
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                Log.ActionIgnored(logger, description);
                return;
            }

            Log.ActionRequested(logger, description);
            _running.RemoveWhere(task => task.IsCompleted);
            var token = _stopping.Token;
            _running.Add(Task.Run(() => RunAsync(description, action, token)));
        }
    }

    /// <summary>Refuses new commands, cancels the running ones and returns once they have ended.</summary>
    public async Task DrainAsync()
    {
        Task[] running;
        lock (_lock)
        {
            _stopping.Cancel();
            running = [.. _running];
            _running.Clear();
        }

        await Task.WhenAll(running);
    }

    private async Task RunAsync(string description, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping: what the command did not do yet, it need not do.
        }
        catch (DistributedApplicationException ex)
        {
            Log.ActionFailed(logger, description, ex.Message);
        }
        catch (Exception ex)
        {
            Log.ActionCrashed(logger, description, ex);
        }
    }
}
