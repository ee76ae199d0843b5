using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>
/// Watches the resources that carry a <see cref="RestartOnCrashAnnotation"/> and starts a replica again, through its
/// own Start command, when it exits unasked. Stop and Restart commands are wrapped so that a person's stop is known
/// for what it is. Each replica's restart count is published as the <c>relay.restarts</c> property.
/// </summary>
internal sealed class CrashRestarter(
    DistributedApplicationModel model,
    DistributedApplicationExecutionContext executionContext,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, bool> _stoppedOnPurpose = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplicaRecord> _replicas = new(StringComparer.Ordinal);
    private readonly List<Task> _pendingRestarts = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!executionContext.IsRunMode)
        {
            return;
        }

        foreach (var resource in model.Resources.Where(r => r.HasAnnotationOfType<RestartOnCrashAnnotation>()))
        {
            WrapStopCommands(resource);
        }

        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                if (update.Resource.TryGetLastAnnotation<RestartOnCrashAnnotation>(out var policy))
                {
                    Observe(update.ResourceId, update.Resource, update.Snapshot, policy, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_pendingRestarts).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Observe(string replica, IResource resource, CustomResourceSnapshot snapshot, RestartOnCrashAnnotation policy, CancellationToken stoppingToken)
    {
        var record = _replicas.TryGetValue(replica, out var known) ? known : _replicas[replica] = new ReplicaRecord();
        var state = snapshot.State?.Text;
        var wasUp = record.IsUp;
        record.IsUp = state == KnownResourceStates.Running || state == KnownResourceStates.Starting;
        if (state == KnownResourceStates.Running)
        {
            record.LastStart = snapshot.StartTimeStamp ?? record.LastStart;
            _stoppedOnPurpose.TryRemove(replica, out _);
        }

        if (!wasUp || record.IsUp || state is null || !KnownResourceStates.TerminalStates.Contains(state))
        {
            return;
        }

        if (_stoppedOnPurpose.ContainsKey(replica) || stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var ranFor = (snapshot.StopTimeStamp ?? DateTime.UtcNow) - (record.LastStart ?? DateTime.UtcNow);
        record.InARow = ranFor >= policy.StableAfter ? 1 : record.InARow + 1;
        if (policy.MaxInARow == 0 || record.InARow > policy.MaxInARow)
        {
            Log.GivingUp(logger, replica, snapshot.ExitCode, record.InARow - 1);
            return;
        }

        var delay = policy.DelayBefore(record.InARow);
        Log.Restarting(logger, replica, snapshot.ExitCode, delay.TotalSeconds, record.InARow);
        record.Restarts++;
        _pendingRestarts.RemoveAll(t => t.IsCompleted);
        _pendingRestarts.Add(RestartAsync(resource, replica, record.Restarts, delay, stoppingToken));
    }

    private async Task RestartAsync(IResource resource, string replica, int restarts, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            if (_stoppedOnPurpose.ContainsKey(replica))
            {
                return;
            }

            var result = await commands.ExecuteCommandAsync(replica, KnownResourceCommands.StartCommand, stoppingToken).ConfigureAwait(false);
            if (!result.Success)
            {
                Log.RestartFailed(logger, replica, result.Message);
                return;
            }

            await notifications.PublishUpdateAsync(resource, replica, s => s with
            {
                Properties = s.Properties
                    .RemoveAll(p => p.Name == RestartOnCrashExtensions.RestartsProperty)
                    .Add(new ResourcePropertySnapshot(RestartOnCrashExtensions.RestartsProperty, restarts)),
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.RestartFailed(logger, replica, ex.Message);
        }
    }

    /// <summary>Stop and Restart record that the replica goes down on purpose; Start, or the replica running again, clears it.</summary>
    private void WrapStopCommands(IResource resource)
    {
        foreach (var command in resource.Annotations.OfType<ResourceCommandAnnotation>().ToList())
        {
            Func<ExecuteCommandContext, Task<ExecuteCommandResult>>? wrapped = command.Name switch
            {
                _ when command.Name == KnownResourceCommands.StopCommand => async context =>
                {
                    _stoppedOnPurpose[context.ResourceName] = true;
                    return await command.ExecuteCommand(context).ConfigureAwait(false);
                },
                _ when command.Name == KnownResourceCommands.RestartCommand => async context =>
                {
                    // Cleared when the replica is seen running again: its exit may be observed after this returns.
                    _stoppedOnPurpose[context.ResourceName] = true;
                    return await command.ExecuteCommand(context).ConfigureAwait(false);
                },
                _ when command.Name == KnownResourceCommands.StartCommand => context =>
                {
                    _stoppedOnPurpose.TryRemove(context.ResourceName, out _);
                    return command.ExecuteCommand(context);
                },
                _ => null,
            };

            if (wrapped is not null)
            {
                resource.Annotations.Remove(command);
                resource.Annotations.Add(new ResourceCommandAnnotation(
                    command.Name, command.DisplayName, command.UpdateState, wrapped, command.DisplayDescription,
                    command.Arguments, command.ConfirmationMessage, command.IconName, command.IconVariant,
                    command.IsHighlighted, command.Visibility, command.ValidateArguments));
            }
        }
    }

    private sealed class ReplicaRecord
    {
        public bool IsUp { get; set; }
        public DateTime? LastStart { get; set; }
        public int InARow { get; set; }
        public int Restarts { get; set; }
    }
}
