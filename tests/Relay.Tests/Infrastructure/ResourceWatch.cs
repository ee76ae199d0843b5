using System.Globalization;
using Relay.Contracts;

namespace Relay.Tests.Infrastructure;

/// <summary>Follows every resource's replicas through the app's <see cref="ResourceNotificationService"/>.</summary>
public sealed class ResourceWatch : IDisposable
{
    private const string RestartsProperty = "relay.restarts";
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, ResourceEvent> _latest = new(StringComparer.Ordinal);
    private readonly Task _watching;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResourceWatch(DistributedApplication app) => _watching = WatchAsync(app.ResourceNotifications);

    /// <summary>The replicas of a model resource, in a stable order (by resource id).</summary>
    public IReadOnlyList<ReplicaState> Replicas(string resource)
    {
        lock (_latest)
        {
            return [.. _latest.Values.Where(e => e.Resource.Name == resource).OrderBy(e => e.ResourceId, StringComparer.Ordinal).Select(ToState)];
        }
    }

    /// <summary>Every replica's latest snapshot: what the dashboard shows of it (its environment included).</summary>
    public IReadOnlyList<(string ResourceId, CustomResourceSnapshot Snapshot)> Snapshots()
    {
        lock (_latest)
        {
            return [.. _latest.Values.Select(e => (e.ResourceId, e.Snapshot))];
        }
    }

    public ReplicaState Replica(string resource, int index)
    {
        var replicas = Replicas(resource);
        Assert.True(index < replicas.Count, $"{resource} has {replicas.Count} replica(s), not {index + 1}.");
        return replicas[index];
    }

    /// <summary>Waits, bounded, until replica <paramref name="index"/> of the resource meets the condition.</summary>
    public async Task<ReplicaState> WaitForAsync(string resource, int index, Func<ReplicaState, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await WaitForAsync(resource, index, condition, deadline.Token, $"within {timeout}");
    }

    public async Task<ReplicaState> WaitForAsync(
        string resource, int index, Func<ReplicaState, bool> condition, CancellationToken cancellationToken, string bound = "in time")
    {
        while (true)
        {
            Task changed;
            lock (_latest)
            {
                changed = _changed.Task;
            }

            var replicas = Replicas(resource);
            if (index < replicas.Count && condition(replicas[index]))
            {
                return replicas[index];
            }

            try
            {
                await changed.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{resource}[{index}] did not reach the expected state {bound}: {(index < replicas.Count ? replicas[index] : "absent")}");
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _watching.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task WatchAsync(ResourceNotificationService notifications)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(_stop.Token))
            {
                TaskCompletionSource changed;
                lock (_latest)
                {
                    _latest[update.ResourceId] = update;
                    changed = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                changed.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static ReplicaState ToState(ResourceEvent e)
    {
        var snapshot = e.Snapshot;
        var properties = snapshot.Properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var environment = snapshot.EnvironmentVariables.Where(v => v.IsFromSpec || v.Value is not null)
            .GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var urls = environment.GetValueOrDefault("ASPNETCORE_URLS");
        return new ReplicaState(
            e.ResourceId,
            snapshot.State?.Text,
            snapshot.HealthStatus?.ToString(),
            ToInt(properties.GetValueOrDefault("executable.pid")),
            ToInt(properties.GetValueOrDefault(RestartsProperty)) ?? 0,
            snapshot.ExitCode,
            urls is { Length: > 0 } ? new Uri(urls.Split(';')[0]) : null,
            environment.GetValueOrDefault(ServiceInstance.ResourceAttributesKey) is { } attributes
                ? ServiceInstance.Id(environment.GetValueOrDefault(ServiceInstance.ServiceNameKey), attributes)
                : null);
    }

    private static int? ToInt(object? value) => value switch
    {
        int i => i,
        long l => (int)l,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

}
