using System.Collections.Concurrent;
using System.Diagnostics;

namespace Relay.Hosting.Processes;

/// <summary>
/// Starts every child process from one dedicated thread that lives as long as the AppHost. Children are
/// launched with PR_SET_PDEATHSIG, which fires when the <em>thread</em> that forked them ends: a thread-pool
/// thread may be retired at any time and would take the children with it.
/// </summary>
internal sealed class ProcessLauncher
{
    private readonly BlockingCollection<LaunchRequest> _requests = [];

    private ProcessLauncher()
    {
        var thread = new Thread(Launch) { IsBackground = true, Name = "Relay process launcher" };
        thread.Start();
    }

    public static ProcessLauncher Shared { get; } = new();

    /// <summary>Calls <see cref="Process.Start()"/> on the launcher thread.</summary>
    public Task StartAsync(Process process)
    {
        var request = new LaunchRequest(process, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _requests.Add(request);
        return request.Completion.Task;
    }

    private void Launch()
    {
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            try
            {
                request.Process.Start();
                request.Completion.SetResult();
            }
            catch (Exception ex)
            {
                request.Completion.SetException(ex);
            }
        }
    }

    private sealed record LaunchRequest(Process Process, TaskCompletionSource Completion);
}
