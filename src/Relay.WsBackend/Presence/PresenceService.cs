using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Presence;

/// <summary>
/// Runs presence for the lifetime of the host: the writer and the heartbeat (joins and leaves come with each channel's subscription, <see cref="Messaging.IMessageSubscriber"/>). On stop
/// (bounded, about 2 s) it removes this process's members from Redis, publishing their leaves, so other replicas'
/// clients need not wait for the expiry; if Redis cannot be reached, the other processes' sweep does it later.
/// </summary>
internal sealed class PresenceService(
    IConnectionMultiplexer redis,
    PresenceProcess process,
    RedisPresenceTracker tracker,
    PresenceWriter writer,
    PresenceHeartbeat heartbeat,
    ILogger<PresenceService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopWriter = new();
    private readonly CancellationTokenSource _stopHeartbeat = new();
    private Task _writer = Task.CompletedTask;
    private Task _heartbeat = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Started(logger, process.Id, PresenceLimits.Heartbeat, PresenceLimits.ReplicaExpiry);
        redis.ConnectionRestored += OnConnectionRestored;
        _writer = Task.Run(() => tracker.RunAsync(_stopWriter.Token), CancellationToken.None);
        _heartbeat = Task.Run(() => heartbeat.RunAsync(_stopHeartbeat.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_stopTimeout);

        // Heartbeat and writer end first, so no join of theirs can reach Redis after the removal below.
        await _stopHeartbeat.CancelAsync();
        await _heartbeat;
        tracker.Complete();
        try
        {
            await _writer.WaitAsync(s_drainTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _stopWriter.CancelAsync();
            await _writer;
        }

        await RemoveThisProcessAsync(timeout.Token);
    }

    public void Dispose()
    {
        _stopWriter.Dispose();
        _stopHeartbeat.Dispose();
    }

    private async Task RemoveThisProcessAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            Log.RemoveFailed(logger, null);
            return;
        }

        try
        {
            var leaves = await writer.RemoveAllAsync().WaitAsync(cancellationToken);
            Log.Removed(logger, leaves);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            Log.RemoveFailed(logger, ex);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        try
        {
            // Redis may have restarted empty, or swept this process while it was cut off.
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                tracker.RequestReassert();
            }
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(logger, ex);
        }
    }
}
