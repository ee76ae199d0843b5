using Microsoft.Extensions.Logging;
using Relay.Hosting.Logs;

namespace Relay.Hosting.Orchestration;

/// <summary>
/// Starts instances once what they wait for is Running and healthy, and stops them dependents first.
/// Every wait is bounded by <see cref="RelayHostingOptions.WaitTimeout"/>. Once the app is up, crashed instances
/// are restarted (<see cref="RestartPolicy"/>) until the app stops.
/// </summary>
internal sealed class ApplicationOrchestrator
{
    private readonly IReadOnlyList<ResourcePlan> _resources;
    private readonly Dictionary<string, InstanceRunner[]> _runners;
    private readonly RelayHostingOptions _options;
    private readonly ResourceLogService _logs;
    private CancellationTokenSource _supervision = new();

    public ApplicationOrchestrator(IReadOnlyList<ResourcePlan> resources, RelayHostingOptions options, ResourceLogService logs, ILogger logger)
    {
        _resources = resources;
        _options = options;
        _logs = logs;
        _runners = resources.ToDictionary(
            resource => resource.Name,
            resource => resource.Instances.Select(plan => new InstanceRunner(new ResourceInstance(resource, plan), options.Restarts, WaitAndLaunchAsync, logs, logger)).ToArray(),
            StringComparer.Ordinal);
    }

    public IReadOnlyList<ResourcePlan> Resources => _resources;

    public IEnumerable<ResourceInstance> Instances => _resources.SelectMany(resource => _runners[resource.Name]).Select(runner => runner.Instance);

    public ResourcePlan GetResource(string name) =>
        _resources.FirstOrDefault(resource => resource.Name == name)
        ?? throw new ArgumentException($"There is no resource named '{name}'. The resources are: {string.Join(", ", _resources.Select(r => r.Name))}.", nameof(name));

    /// <summary>True when the resource exists and, if given, so does the replica.</summary>
    public bool Contains(string name, int? replica) =>
        _runners.TryGetValue(name, out var runners) && (replica is null || (replica >= 0 && replica < runners.Length));

    public IReadOnlyList<ResourceInstance> GetInstances(string name, int? replica = null) =>
        [.. SelectRunners(GetResource(name).Name, replica).Select(runner => runner.Instance)];

    /// <summary>
    /// Starts every instance and returns once all are Running and healthy. On the first failure the others
    /// stop waiting and the failure is thrown; the caller stops what started.
    /// </summary>
    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        using var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var starts = _runners.Values.SelectMany(runners => runners)
            .Select(runner => StartAndReportAsync(runner, firstFailure))
            .ToList();

        try
        {
            await Task.WhenAll(starts);
            Supervise();
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The first expected failure is the cause; the others are mostly cancellations it caused.
            var failures = starts.Where(start => start.IsFaulted).Select(start => start.Exception!.InnerException!).ToList();
            var cause = failures.OfType<DistributedApplicationException>().FirstOrDefault() ?? failures.FirstOrDefault();
            if (cause is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    /// <summary>Starts instances again, with the same ports and passwords; returns once they are Running.</summary>
    public async Task StartAsync(string name, int? replica, CancellationToken cancellationToken)
    {
        var runners = SelectRunners(GetResource(name).Name, replica);
        await Task.WhenAll(runners.Select(runner => WaitAndLaunchAsync(runner, cancellationToken)));
    }

    /// <summary>
    /// Stops instances, then starts them again with the same ports and passwords (a new process each, so one
    /// more restart); returns once they are Running. Replicas restart side by side.
    /// </summary>
    public Task RestartAsync(string name, int? replica, CancellationToken cancellationToken) =>
        Task.WhenAll(SelectRunners(GetResource(name).Name, replica).Select(async runner =>
        {
            await runner.StopAsync(_options.StopTimeout);
            await WaitAndLaunchAsync(runner, cancellationToken);
        }));

    public Task StopAsync(string name, int? replica) =>
        Task.WhenAll(SelectRunners(GetResource(name).Name, replica).Select(runner => runner.StopAsync(_options.StopTimeout)));

    /// <summary>No crash is restarted any more: the app stops. <see cref="StartAllAsync"/> supervises again.</summary>
    public void StopSupervising() => _supervision.Cancel();

    /// <summary>Stops everything, dependents first (those that wait for others), each level at once.</summary>
    public async Task StopAllAsync()
    {
        StopSupervising();
        foreach (var level in _resources.GroupBy(resource => resource.Depth).OrderByDescending(group => group.Key))
        {
            await Task.WhenAll(level.SelectMany(resource => _runners[resource.Name]).Select(runner => runner.StopAsync(_options.StopTimeout)));
        }
    }

    /// <summary>Waits until every instance of <paramref name="name"/> satisfies <paramref name="condition"/>.</summary>
    public Task WaitForAllAsync(string name, Func<ResourceSnapshot, bool> condition, CancellationToken cancellationToken) =>
        Task.WhenAll(GetInstances(name).Select(instance => instance.WaitAsync(condition, cancellationToken)));

    // Only once everything is up: a crash while the app starts fails the start, which says why.
    private void Supervise()
    {
        var previous = _supervision;
        _supervision = new CancellationTokenSource();
        previous.Dispose();
        foreach (var runner in _runners.Values.SelectMany(runners => runners))
        {
            runner.Supervise(_supervision.Token);
        }
    }

    private async Task StartAndReportAsync(InstanceRunner runner, CancellationTokenSource firstFailure)
    {
        try
        {
            await StartUntilHealthyAsync(runner, firstFailure.Token);
        }
        catch (OperationCanceledException) when (firstFailure.IsCancellationRequested)
        {
            runner.Instance.Update(snapshot => snapshot.State == ResourceState.Waiting ? snapshot with { State = ResourceState.NotStarted } : snapshot);
            throw;
        }
        catch (Exception)
        {
            await firstFailure.CancelAsync();
            throw;
        }
    }

    private async Task StartUntilHealthyAsync(InstanceRunner runner, CancellationToken cancellationToken)
    {
        var instance = runner.Instance;
        await WaitAndLaunchAsync(runner, cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.WaitTimeout);
        ResourceSnapshot snapshot;
        try
        {
            snapshot = await instance.WaitAsync(IsHealthyOrEnded, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DistributedApplicationException(
                $"'{instance.Name}' was not healthy within {Seconds(_options.WaitTimeout)} s ({instance.Plan.HealthProbe.Description}).{LastWords(instance)}");
        }

        if (snapshot.State != ResourceState.Running)
        {
            throw new DistributedApplicationException(
                $"'{instance.Name}' exited with code {snapshot.ExitCode} while starting.{LastWords(instance)}");
        }
    }

    private async Task WaitAndLaunchAsync(InstanceRunner runner, CancellationToken cancellationToken)
    {
        if (runner.Instance.Snapshot.State is ResourceState.Running)
        {
            return;
        }

        await WaitForDependenciesAsync(runner.Instance, cancellationToken);
        await runner.LaunchAsync(cancellationToken);
    }

    private async Task WaitForDependenciesAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        if (instance.Resource.WaitsFor.Count == 0)
        {
            return;
        }

        var before = instance.Snapshot.State;
        instance.Update(snapshot => snapshot with { State = ResourceState.Waiting });
        foreach (var dependency in instance.Resource.WaitsFor)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.WaitTimeout);
            try
            {
                await WaitForAllAsync(dependency, IsRunningAndHealthy, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // It never started: show what it was before it waited, not "Waiting" forever.
                instance.Update(snapshot => snapshot.State == ResourceState.Waiting
                    ? snapshot with { State = before == ResourceState.Waiting ? ResourceState.NotStarted : before }
                    : snapshot);
                var states = string.Join(", ", GetInstances(dependency).Select(other => $"{other.Name} {Describe(other.Snapshot)}"));
                throw new DistributedApplicationException(
                    $"'{instance.Resource.Name}' waited {Seconds(_options.WaitTimeout)} s for '{dependency}' to be running and healthy ({states}).");
            }
        }
    }

    private InstanceRunner[] SelectRunners(string name, int? replica)
    {
        var runners = _runners[name];
        if (replica is null)
        {
            return runners;
        }

        return replica >= 0 && replica < runners.Length
            ? [runners[replica.Value]]
            : throw new ArgumentOutOfRangeException(nameof(replica), replica, $"'{name}' has {runners.Length} replica(s).");
    }

    private string LastWords(ResourceInstance instance)
    {
        var lines = _logs.GetLines(instance.Name);

        // A crash's stack trace ends with its least telling line; the line that names the error comes first.
        var last = lines.LastOrDefault(ConsoleText.IsErrorHeadline) ?? lines.LastOrDefault(ConsoleText.NeedsAttention);
        return last is null ? "" : $" Its last error: {last.Text.Trim()}";
    }

    private static bool IsRunningAndHealthy(ResourceSnapshot snapshot) =>
        snapshot is { State: ResourceState.Running, Health: HealthState.Healthy };

    private static bool IsHealthyOrEnded(ResourceSnapshot snapshot) =>
        IsRunningAndHealthy(snapshot) || snapshot.State is ResourceState.Exited or ResourceState.FailedToStart;

    private static string Describe(ResourceSnapshot snapshot) => snapshot.State switch
    {
        ResourceState.Running => $"is running, health {snapshot.Health.ToString().ToLowerInvariant()}",
        ResourceState.Exited => $"exited with code {snapshot.ExitCode}",
        _ => $"is {snapshot.State}",
    };

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
