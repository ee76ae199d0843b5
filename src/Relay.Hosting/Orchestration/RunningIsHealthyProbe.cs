namespace Relay.Hosting.Orchestration;

/// <summary>For a resource without a health check: healthy as soon as it runs.</summary>
internal sealed class RunningIsHealthyProbe : IHealthProbe
{
    public static RunningIsHealthyProbe Instance { get; } = new();

    public string Description => "running";

    public Task<bool> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
