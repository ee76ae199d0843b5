namespace Relay.Hosting.Orchestration;

/// <summary>One health check of one instance. False (never an exception) when unhealthy.</summary>
internal interface IHealthProbe
{
    /// <summary>What is checked, for messages: <c>GET http://127.0.0.1:5300/health</c>.</summary>
    string Description { get; }

    Task<bool> CheckAsync(CancellationToken cancellationToken);
}
