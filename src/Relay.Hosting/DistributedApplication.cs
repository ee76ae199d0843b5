using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Hosting.Logs;
using Relay.Hosting.Orchestration;
using Relay.Hosting.Processes;
using Relay.Hosting.Testing;
using DashboardRunner = Relay.Hosting.Dashboard.DashboardRunner;

namespace Relay.Hosting;

/// <summary>
/// A built app model: its processes, their state, health and console output, and the dashboard. Ports and
/// passwords are decided at Build and kept until the app is disposed.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationExecutionContext _context;
    private readonly ApplicationOrchestrator? _orchestrator;
    private readonly DashboardRunner? _dashboard;
    private readonly RelayHostingOptions? _options;
    private readonly DistributedApplicationException? _buildError;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TextWriter? _terminal;
    private LogFileSink? _logFiles;
    private IDisposable? _terminalEcho;
    private int _disposed;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _context = builder.ExecutionContext;
        _terminal = _context.IsTesting ? null : Console.Out;
        _loggerFactory = _context.IsTesting ? NullLoggerFactory.Instance : CreateTerminalLoggerFactory(builder.Configuration);
        _logger = _loggerFactory.CreateLogger("Relay");
        try
        {
            _options = RelayHostingOptions.Read(builder.Configuration);
            var plan = new ApplicationPlanner(builder.Resources, builder.Configuration, builder.EnvironmentName, _context.IsTesting, _options).Plan();
            _orchestrator = new ApplicationOrchestrator(plan.Resources, _options, ResourceLogs, _logger);
            _dashboard = plan.Dashboard is null ? null : DashboardRunner.Create(plan.Dashboard, _orchestrator, ResourceLogs, _logger);
        }
        catch (DistributedApplicationException ex)
        {
            // Reported by StartAsync and Run: `builder.Build().Run()` then prints one line, not a stack trace.
            _buildError = ex;
        }
    }

    /// <summary>The console output of every instance.</summary>
    public ResourceLogService ResourceLogs { get; } = new();

    /// <summary>
    /// The dashboard's URLs and secrets, decided at Build and serving once started; null when it is off (the
    /// default under the test host; <c>Dashboard:Enabled=true</c> turns it on).
    /// </summary>
    public DashboardEndpoints? Dashboard => _dashboard?.Endpoints;

    private ApplicationOrchestrator Orchestrator => _orchestrator ?? throw _buildError!;

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        new DistributedApplicationBuilder(args, isTesting: TestingHook.Current is not null);

    /// <summary>
    /// Starts the dashboard, then every instance, and returns once every instance is Running and healthy. On
    /// failure, stops what started and throws a <see cref="DistributedApplicationException"/> that says what went wrong.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var orchestrator = Orchestrator;
        if (_context.IsRunMode)
        {
            _logFiles ??= new LogFileSink(ResourceLogs, Path.Combine(_options!.StateDirectory, "logs"));
            _terminalEcho ??= TerminalEcho.Attach(ResourceLogs, _terminal!);
        }

        try
        {
            if (_dashboard is not null)
            {
                await _dashboard.StartAsync(cancellationToken);
            }

            await orchestrator.StartAllAsync(cancellationToken);
        }
        catch (Exception)
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops every instance, dependents first, then the dashboard. Idempotent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        // First of all: from now on an exit is no crash (without setsid, the Ctrl+C that stops the app reaches the children too).
        _orchestrator?.StopSupervising();
        if (_dashboard is not null)
        {
            await _dashboard.DrainActionsAsync().WaitAsync(cancellationToken);
        }

        if (_orchestrator is not null)
        {
            await _orchestrator.StopAllAsync().WaitAsync(cancellationToken);
        }

        if (_dashboard is not null)
        {
            await _dashboard.StopAsync().WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts, prints the table, waits for Ctrl+C, SIGTERM or <paramref name="cancellationToken"/>, then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var orchestrator = Orchestrator;
        using var signals = _context.IsRunMode ? new ShutdownSignals() : null;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals?.Token ?? CancellationToken.None);

        _terminal?.WriteLine($"Relay is starting (state in {_options!.StateDirectory})");
        if (!ProcessSupervision.IsAvailable)
        {
            Log.Unsupervised(_logger);
        }

        try
        {
            await StartAsync(stopping.Token);
            _terminal?.Write(StatusTable.Render(orchestrator, Dashboard));
            if (Dashboard is not null)
            {
                _terminal?.WriteLine($"Dashboard: {Dashboard.LoginUrl}");
            }

            _terminal?.WriteLine("Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Asked to stop: a normal end.
        }

        _terminal?.WriteLine("Stopping...");
        await StopAsync(CancellationToken.None);
        _terminal?.WriteLine("Stopped.");
    }

    /// <summary>
    /// <see cref="RunAsync"/> for an AppHost's entry point. An expected failure is printed as its message
    /// alone and ends the process with exit code 1.
    /// </summary>
    public void Run()
    {
        try
        {
            RunAsync().GetAwaiter().GetResult();
        }
        catch (DistributedApplicationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Stops everything (killing what does not stop in time). Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await StopAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.StopFailed(_logger, ex);
        }

        _terminalEcho?.Dispose();
        _logFiles?.Dispose();
        _loggerFactory.Dispose();
    }

    /// <summary>One snapshot per instance, in the order of the app model.</summary>
    public IReadOnlyList<ResourceSnapshot> GetResources() =>
        _orchestrator is null ? [] : [.. _orchestrator.Instances.Select(instance => instance.Snapshot)];

    /// <summary>Completes once every replica of the resource is Running and healthy.</summary>
    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Orchestrator.WaitForAllAsync(resourceName, snapshot => snapshot is { State: ResourceState.Running, Health: HealthState.Healthy }, cancellationToken);

    /// <summary>Completes once every replica of the resource is in <paramref name="state"/>.</summary>
    public Task WaitForResourceAsync(string resourceName, ResourceState state, CancellationToken cancellationToken = default) =>
        Orchestrator.WaitForAllAsync(resourceName, snapshot => snapshot.State == state, cancellationToken);

    /// <summary>The endpoint of one replica: <c>http://127.0.0.1:port</c> (Redis: <c>tcp://127.0.0.1:port</c>).</summary>
    public Uri GetEndpoint(string resourceName, int replica = 0) => Orchestrator.GetInstances(resourceName, replica)[0].Plan.Endpoint;

    public int GetReplicaCount(string resourceName) => Orchestrator.GetResource(resourceName).Instances.Count;

    /// <summary>The connection string a referencing service gets (Redis); null for a project.</summary>
    public string? GetConnectionString(string resourceName) => Orchestrator.GetResource(resourceName).ConnectionString;

    /// <summary>The variables the engine injects into one replica (not the inherited ones).</summary>
    public IReadOnlyDictionary<string, string> GetEnvironment(string resourceName, int replica = 0) =>
        Orchestrator.GetInstances(resourceName, replica)[0].Plan.Environment;

    /// <summary>Stops one replica, or all (<paramref name="replica"/> null).</summary>
    public Task StopResourceAsync(string resourceName, int? replica = null, CancellationToken cancellationToken = default) =>
        Orchestrator.StopAsync(resourceName, replica).WaitAsync(cancellationToken);

    /// <summary>Starts stopped replicas again, on the same ports with the same passwords; returns once they run.</summary>
    public Task StartResourceAsync(string resourceName, int? replica = null, CancellationToken cancellationToken = default) =>
        Orchestrator.StartAsync(resourceName, replica, cancellationToken);

    /// <summary>
    /// Stops replicas, then starts them again on the same ports with the same passwords, each as a new process
    /// (its restart count goes up by one); returns once they run.
    /// </summary>
    public Task RestartResourceAsync(string resourceName, int? replica = null, CancellationToken cancellationToken = default) =>
        Orchestrator.RestartAsync(resourceName, replica, cancellationToken);

    /// <summary>Throws what Build found wrong (the test host reports it at BuildAsync).</summary>
    internal void ThrowIfBuildFailed()
    {
        if (_buildError is not null)
        {
            throw _buildError;
        }
    }

    private static ILoggerFactory CreateTerminalLoggerFactory(IConfiguration configuration) =>
        LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true));
}
