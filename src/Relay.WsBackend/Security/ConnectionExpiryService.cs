using Microsoft.Extensions.Logging;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Security;

/// <summary>
/// Closes with 4001 "token expired" every connection whose token's <c>exp</c> passed without a refresh: one sweep a
/// second over the replica's connections rather than a timer per socket, which an idle socket would pay for in memory.
/// A connection so lives at most about a second past its token.
/// </summary>
internal sealed class ConnectionExpiryService(
    ConnectionTracker tracker,
    TimeProvider timeProvider,
    WsBackendMetrics metrics,
    ILogger<ConnectionExpiryService> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    Sweep(timeProvider.GetUtcNow());
                }
                catch (Exception ex)
                {
                    Log.ExpirySweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Closes the connections whose token expired by <paramref name="now"/>.</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var connection in tracker.Connections)
        {
            if (connection.Grant is { } grant && grant.ExpiresAt <= now && !connection.IsClosing)
            {
                Log.TokenExpired(logger, connection.Client, grant.ExpiresAt);
                metrics.Refused(RefusalReason.TokenExpired);
                _ = connection.CloseAsync(CloseCodes.TokenExpired, "token expired");
            }
        }
    }
}
