using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Relay.Hosting.ApplicationModel;
using Relay.Hosting.Logs;
using Relay.Hosting.Processes;

namespace Relay.Hosting.Orchestration;

/// <summary>
/// Launches, watches and stops the process of one instance, always with the same plan. Once supervised, it
/// restarts the process when it exits and nobody asked it to stop, as <paramref name="restarts"/> says.
/// </summary>
/// <param name="relaunch">How a crashed instance comes back: the way a Start brings it, dependencies first.</param>
internal sealed class InstanceRunner(
    ResourceInstance instance,
    RestartPolicy restarts,
    Func<InstanceRunner, CancellationToken, Task> relaunch,
    ResourceLogService logs,
    ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _restartLock = new();
    private ChildProcess? _process;
    private Task? _exitMonitor;
    private CancellationTokenSource? _healthCancellation;
    private Task? _healthMonitor;
    private int _launches;
    private int _failuresInARow;

    // Guarded by _restartLock: whether an exit is a crash, and the restart it schedules.
    private bool _stopRequested;
    private CancellationToken? _supervision;
    private int? _unsupervisedCrash;
    private CancellationTokenSource? _restartCancellation;
    private Task _restart = Task.CompletedTask;

    public ResourceInstance Instance => instance;

    private InstancePlan Plan => instance.Plan;

    /// <summary>
    /// From now until <paramref name="appStopping"/>, restarts the process whenever it exits unexpectedly. Not
    /// before: a crash while the app starts fails the start, with its reason.
    /// </summary>
    public void Supervise(CancellationToken appStopping)
    {
        lock (_restartLock)
        {
            _supervision = appStopping;

            // It may have crashed after it was healthy, while other instances were still starting.
            if (_unsupervisedCrash is { } exitCode)
            {
                _unsupervisedCrash = null;
                ScheduleRestart(exitCode);
            }
        }
    }

    /// <summary>
    /// Starts the process and returns once it runs (not once it is healthy). Throws a
    /// <see cref="DistributedApplicationException"/>, leaving the instance FailedToStart, when it cannot be launched.
    /// </summary>
    public async Task LaunchAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A restart cancelled by a Stop must not launch once the Stop lets go of the gate.
            cancellationToken.ThrowIfCancellationRequested();
            if (instance.Snapshot.State == ResourceState.Running)
            {
                return;
            }

            var restarted = _launches++ > 0 ? 1 : 0;
            instance.Update(snapshot => snapshot with { State = ResourceState.Starting, Health = HealthState.Unknown, ExitCode = null });
            if (Plan.Command is not { } command)
            {
                // Runs elsewhere: only its health is ours to watch.
                instance.Update(snapshot => snapshot with { State = ResourceState.Running, StartedAt = DateTimeOffset.Now });
                StartHealthMonitor();
                return;
            }

            if (_process is { } previous)
            {
                await _exitMonitor!;
                previous.Dispose();
                _process = null;
            }

            var child = await StartProcessAsync(command);
            _process = child;
            lock (_restartLock)
            {
                _stopRequested = false;
                _unsupervisedCrash = null;
            }

            instance.Update(snapshot => snapshot with
            {
                State = ResourceState.Running,
                ProcessId = child.Id,
                StartedAt = DateTimeOffset.Now,
                RestartCount = snapshot.RestartCount + restarted,
            });
            Log.Started(logger, instance.Name, child.Id);
            StartHealthMonitor();
            _exitMonitor = WatchExitAsync(child);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// SIGTERM, then SIGKILL after <paramref name="gracePeriod"/>; a pending restart is cancelled. Returns once the
    /// process has ended. A stopped instance stays stopped until it is started again.
    /// </summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        Task restart;
        await _gate.WaitAsync();
        try
        {
            restart = EndRestarts();
            var child = _process;
            if (child is null)
            {
                await StopHealthMonitorAsync();
                instance.Update(snapshot => snapshot.State is ResourceState.Running or ResourceState.Waiting or ResourceState.Starting
                    ? snapshot with { State = snapshot.State == ResourceState.Running ? ResourceState.Exited : ResourceState.NotStarted, Health = HealthState.Unknown }
                    : snapshot);
            }
            else
            {
                if (!child.Exited.IsCompleted)
                {
                    instance.Update(snapshot => snapshot with { State = ResourceState.Stopping });
                    await StopHealthMonitorAsync();
                    await TerminateAsync(child, gracePeriod);
                }

                // A process that outlived even SIGKILL (stuck in the kernel) is logged by TerminateAsync and left to
                // its exit watcher: the stop must not hang on it.
                if (child.Exited.IsCompleted)
                {
                    await _exitMonitor!;
                    child.Dispose();
                }

                _process = null;
            }
        }
        finally
        {
            _gate.Release();
        }

        await restart;

        // A person's stop (or the app's) ends a streak of crashes: the next one starts with the initial backoff.
        _failuresInARow = 0;
    }

    private async Task<ChildProcess> StartProcessAsync(ProcessCommand command)
    {
        if (instance.Resource.Resource is ProjectResource project && !File.Exists(project.Project.TargetPath))
        {
            throw Fail($"'{instance.Name}' could not start: {project.Project.TargetPath} does not exist. Build {Path.GetFileName(project.Project.ProjectPath)} first.");
        }

        try
        {
            Directory.CreateDirectory(command.WorkingDirectory);
            return await ChildProcess.StartAsync(command, OnLine);
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Fail($"'{instance.Name}' could not start {command.FileName}: {ex.Message}");
        }
    }

    private DistributedApplicationException Fail(string message)
    {
        instance.Update(snapshot => snapshot with { State = ResourceState.FailedToStart, ProcessId = null });
        return new DistributedApplicationException(message);
    }

    private async Task TerminateAsync(ChildProcess child, TimeSpan gracePeriod)
    {
        child.Signal(NativeMethods.SigTerm);
        if (await Task.WhenAny(child.Exited, Task.Delay(gracePeriod)) == child.Exited)
        {
            return;
        }

        Log.Killing(logger, instance.Name, gracePeriod.TotalSeconds);
        child.Signal(NativeMethods.SigKill);
        if (await Task.WhenAny(child.Exited, Task.Delay(TimeSpan.FromSeconds(10))) != child.Exited)
        {
            Log.KillFailed(logger, instance.Name, child.Id);
        }
    }

    private async Task WatchExitAsync(ChildProcess child)
    {
        var launchedAt = Stopwatch.GetTimestamp();
        var exitCode = await child.Exited;
        await StopHealthMonitorAsync();
        instance.Update(snapshot => snapshot with
        {
            State = ResourceState.Exited,
            Health = HealthState.Unknown,
            ProcessId = null,
            ExitCode = exitCode,
        });

        if (Stopwatch.GetElapsedTime(launchedAt) >= restarts.StableAfter)
        {
            _failuresInARow = 0;
        }

        lock (_restartLock)
        {
            if (_stopRequested)
            {
                Log.Stopped(logger, instance.Name, exitCode);
            }
            else if (_supervision is { IsCancellationRequested: false })
            {
                ScheduleRestart(exitCode);
            }
            else
            {
                _unsupervisedCrash = exitCode;
                Log.ExitedUnexpectedly(logger, instance.Name, exitCode);
            }
        }
    }

    /// <summary>Called under <see cref="_restartLock"/> once per crash, never while a restart is pending.</summary>
    private void ScheduleRestart(int exitCode)
    {
        _restartCancellation?.Dispose();
        _restartCancellation = CancellationTokenSource.CreateLinkedTokenSource(_supervision!.Value);
        var cancellationToken = _restartCancellation.Token;
        _restart = Task.Run(() => RestartAsync(exitCode, cancellationToken));
    }

    /// <summary>Waits out the backoff, then relaunches; a relaunch that fails counts as one more failure in a row.</summary>
    private async Task RestartAsync(int exitCode, CancellationToken cancellationToken)
    {
        var failure = $"exited unexpectedly with code {exitCode}";
        try
        {
            while (restarts.AllowsRestart(++_failuresInARow))
            {
                var backoff = restarts.BackoffBefore(_failuresInARow);
                Log.Restarting(logger, instance.Name, failure, backoff.TotalSeconds, instance.Snapshot.RestartCount + 1);
                await Task.Delay(backoff, cancellationToken);
                try
                {
                    await relaunch(this, cancellationToken);
                    return;
                }
                catch (DistributedApplicationException ex)
                {
                    failure = $"could not restart ({ex.Message})";
                    EndWaiting();
                }
            }

            Log.StaysDown(logger, instance.Name, failure, restarts.MaxRestartsInARow, RelayHostingOptions.MaxRestartsInARowKey);
            _failuresInARow = 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A person stopped it, or the app stops: no restart.
            EndWaiting();
        }
        catch (Exception ex)
        {
            Log.RestartCrashed(logger, instance.Name, ex);
        }
    }

    /// <summary>From now on no exit is a crash; a pending restart is cancelled (and returned, to await outside the gate).</summary>
    private Task EndRestarts()
    {
        CancellationTokenSource? pending;
        Task restart;
        lock (_restartLock)
        {
            _stopRequested = true;
            _unsupervisedCrash = null;
            pending = _restartCancellation;
            restart = _restart;
        }

        pending?.Cancel();
        return restart;
    }

    // A relaunch that ended while it waited for dependencies started nothing: the exit is still the truth.
    private void EndWaiting() =>
        instance.Update(snapshot => snapshot.State == ResourceState.Waiting ? snapshot with { State = ResourceState.Exited } : snapshot);

    private void StartHealthMonitor()
    {
        _healthCancellation = new CancellationTokenSource();
        _healthMonitor = HealthMonitor.RunAsync(instance, Plan.HealthProbe, logger, _healthCancellation.Token);
    }

    private async Task StopHealthMonitorAsync()
    {
        var cancellation = Interlocked.Exchange(ref _healthCancellation, null);
        if (cancellation is null)
        {
            return;
        }

        await cancellation.CancelAsync();
        await _healthMonitor!;
        cancellation.Dispose();
    }

    private void OnLine(string text, bool isError) =>
        logs.Append(new ResourceLogLine(instance.Resource.Name, instance.Name, DateTimeOffset.Now, ConsoleText.Clean(text), isError));
}
