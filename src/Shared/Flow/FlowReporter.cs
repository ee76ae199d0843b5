using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Relay.Contracts.Flow;
using StackExchange.Redis;

namespace Relay.Flow;

/// <summary>
/// Writes this instance's <see cref="FlowSnapshot"/> (an Api instance's or a WsBackend replica's) to Redis every
/// <see cref="FlowLimits.Interval"/>: one script, one round trip, skipped while Redis is unreachable. On stop it
/// removes the snapshot, so the Api's view drops the instance at once instead of after the expiry. One source file,
/// compiled into both services (src/Shared/Flow).
/// </summary>
internal sealed class FlowReporter(
    IConnectionMultiplexer redis,
    IFlowSource figures,
    TimeProvider timeProvider,
    ILogger<FlowReporter> logger) : BackgroundService
{
    private static readonly TimeSpan s_removeTimeout = TimeSpan.FromSeconds(1);

    private readonly FlowWindow _window = new(figures.Service, figures.Instance, timeProvider);
    private bool _failing;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            await redis.GetDatabase()
                .ScriptEvaluateAsync(FlowScripts.Remove, [RelayKeys.FlowNode(_window.Node), RelayKeys.FlowNodes], [_window.Node])
                .WaitAsync(s_removeTimeout, cancellationToken);
        }
        catch (Exception ex)
        {
            FlowReporterLog.RemoveFailed(logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlowLimits.Interval, timeProvider);
        try
        {
            do
            {
                await WriteAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        // The window moves on even while Redis is down, so the first write after an outage has this interval's rates.
        var snapshot = _window.Next(figures.Read());
        if (!redis.IsConnected)
        {
            Failed("not connected", null);
            return;
        }

        try
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, ContractsJsonContext.Default.FlowSnapshot);
            await redis.GetDatabase()
                .ScriptEvaluateAsync(
                    FlowScripts.Write,
                    [RelayKeys.FlowNode(_window.Node), RelayKeys.FlowNodes],
                    [_window.Node, json, (long)FlowLimits.Expiry.TotalMilliseconds])
                .WaitAsync(stoppingToken);
            if (_failing)
            {
                _failing = false;
                FlowReporterLog.RedisReachableAgain(logger);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Never out of the loop: an exception would stop the host. Redis errors and timeouts are the expected ones.
            Failed(ex.Message, ex);
        }
    }

    private void Failed(string reason, Exception? exception)
    {
        if (!_failing)
        {
            _failing = true;
            FlowReporterLog.RedisUnreachable(logger, reason, exception);
        }
    }
}
