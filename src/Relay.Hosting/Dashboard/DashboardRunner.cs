using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Dashboard;
using Relay.Hosting.Orchestration;

namespace Relay.Hosting.Dashboard;

/// <summary>
/// Starts the dashboard before any resource, so it receives their telemetry from their first second, and
/// stops it after all of them. Its commands are drained before the resources stop.
/// </summary>
internal sealed class DashboardRunner(DashboardPlan plan, IDashboardResources resources, ResourceActionQueue actions, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DashboardHost? _host;

    public DashboardEndpoints Endpoints => plan.Endpoints;

    public static DashboardRunner Create(DashboardPlan plan, ApplicationOrchestrator orchestrator, ResourceLogService logs, ILogger logger)
    {
        var actions = new ResourceActionQueue(logger);
        return new DashboardRunner(plan, new OrchestratorDashboardResources(orchestrator, logs, actions), actions, logger);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_host is not null)
            {
                return;
            }

            actions.Open();
            _host = await DashboardHost.StartAsync(plan.Options, resources, cancellationToken);
        }
        catch (IOException ex)
        {
            // The port was free at Build but somebody took it since.
            throw new DistributedApplicationException(
                $"The dashboard could not start: {ex.Message} Give it other ports with the settings Dashboard:FrontendPort, Dashboard:OtlpGrpcPort and Dashboard:OtlpHttpPort, or turn it off with {DashboardPlanner.EnabledKey}=false.");
        }
        catch (OptionsValidationException ex)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, ex.Failures));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Cancels the commands the dashboard queued and waits for them, before the resources stop.</summary>
    public Task DrainActionsAsync() => actions.DrainAsync();

    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var host = Interlocked.Exchange(ref _host, null);
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
        catch (Exception ex)
        {
            Log.StopFailed(logger, ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}
