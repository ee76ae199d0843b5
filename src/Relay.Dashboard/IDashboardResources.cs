namespace Relay.Dashboard;

/// <summary>
/// What the dashboard needs from the hosting engine. Implementations must be thread-safe: the dashboard
/// calls them from request threads and polls <see cref="GetResources"/> about once a second.
/// </summary>
public interface IDashboardResources
{
    /// <summary>A snapshot of every resource instance (one entry per replica).</summary>
    IReadOnlyList<DashboardResource> GetResources();

    /// <summary>
    /// Starts, stops or restarts a resource (all its replicas when <paramref name="replica"/> is null).
    /// Returns false when no such resource or replica exists; completes once the action is accepted.
    /// </summary>
    Task<bool> ExecuteAsync(string resourceName, int? replica, ResourceAction action, CancellationToken ct);

    /// <summary>The retained console lines of one instance, or of all instances when null, oldest first.</summary>
    IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string? instance);

    /// <summary>
    /// Calls <paramref name="onLine"/> for every new console line until the result is disposed.
    /// The callback is cheap and never throws; it may be called concurrently.
    /// </summary>
    IDisposable SubscribeConsoleLogs(Action<ConsoleLogLine> onLine);
}
