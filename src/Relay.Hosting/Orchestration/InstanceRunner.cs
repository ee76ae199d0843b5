using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Relay.Hosting.ApplicationModel;
using Relay.Hosting.Logs;
using Relay.Hosting.Processes;

namespace Relay.Hosting.Orchestration;

/// <summary>Launches, watches and stops the process of one instance, always with the same plan.</summary>
internal sealed class InstanceRunner(ResourceInstance instance, ResourceLogService logs, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ChildProcess? _process;
    private Task? _exitMonitor;
    private CancellationTokenSource? _healthCancellation;
    private Task? _healthMonitor;
    private volatile bool _stopRequested;
    private int _launches;

    public ResourceInstance Instance => instance;

    private InstancePlan Plan => instance.Plan;

    /// <summary>
    /// Starts the process and returns once it runs (not once it is healthy). Throws a
    /// <see cref="DistributedApplicationException"/>, leaving the instance FailedToStart, when it cannot be launched.
    /// </summary>
    public async Task LaunchAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
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
            _stopRequested = false;
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

    /// <summary>SIGTERM, then SIGKILL after <paramref name="gracePeriod"/>. Returns once the process has ended.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        await _gate.WaitAsync();
        try
        {
            var child = _process;
            if (child is null)
            {
                await StopHealthMonitorAsync();
                instance.Update(snapshot => snapshot.State is ResourceState.Running or ResourceState.Waiting or ResourceState.Starting
                    ? snapshot with { State = snapshot.State == ResourceState.Running ? ResourceState.Exited : ResourceState.NotStarted, Health = HealthState.Unknown }
                    : snapshot);
                return;
            }

            if (!child.Exited.IsCompleted)
            {
                _stopRequested = true;
                instance.Update(snapshot => snapshot with { State = ResourceState.Stopping });
                await StopHealthMonitorAsync();
                await TerminateAsync(child, gracePeriod);
            }

            await _exitMonitor!;
            child.Dispose();
            _process = null;
        }
        finally
        {
            _gate.Release();
        }
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
        var exitCode = await child.Exited;
        await StopHealthMonitorAsync();
        instance.Update(snapshot => snapshot with
        {
            State = ResourceState.Exited,
            Health = HealthState.Unknown,
            ProcessId = null,
            ExitCode = exitCode,
        });

        if (_stopRequested)
        {
            Log.Stopped(logger, instance.Name, exitCode);
        }
        else
        {
            Log.ExitedUnexpectedly(logger, instance.Name, exitCode);
        }
    }

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
