namespace Relay.Hosting.Orchestration;

/// <summary>The observable state of one instance: a snapshot replaced on every change, and a way to wait on it.</summary>
internal sealed class ResourceInstance
{
    private readonly Lock _lock = new();
    private ResourceSnapshot _snapshot;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResourceInstance(ResourcePlan resource, InstancePlan plan)
    {
        Resource = resource;
        Plan = plan;
        _snapshot = new ResourceSnapshot(
            resource.Name, plan.Name, plan.Replica, resource.Type, ResourceState.NotStarted, HealthState.Unknown,
            ProcessId: null, ExitCode: null, StartedAt: null, RestartCount: 0, Endpoints: [plan.Endpoint]);
    }

    public ResourcePlan Resource { get; }

    public InstancePlan Plan { get; }

    public string Name => Plan.Name;

    public ResourceSnapshot Snapshot
    {
        get
        {
            lock (_lock)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Applies a change atomically and wakes everyone waiting for one.</summary>
    public ResourceSnapshot Update(Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        TaskCompletionSource changed;
        ResourceSnapshot updated;
        lock (_lock)
        {
            updated = change(_snapshot);
            if (updated == _snapshot)
            {
                return updated;
            }

            _snapshot = updated;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
        return updated;
    }

    /// <summary>Completes with the first snapshot that satisfies <paramref name="condition"/>.</summary>
    public async Task<ResourceSnapshot> WaitAsync(Func<ResourceSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_snapshot))
                {
                    return _snapshot;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}
