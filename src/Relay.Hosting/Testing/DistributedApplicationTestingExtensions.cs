using Relay.Hosting.Logs;

namespace Relay.Hosting.Testing;

public static class DistributedApplicationTestingExtensions
{
    /// <summary>An HttpClient whose BaseAddress is the endpoint of one replica of <paramref name="resourceName"/>.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, int replica = 0) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = app.GetEndpoint(resourceName, replica) };

    /// <summary>
    /// Appends every instance's console output to <c>&lt;folder&gt;/&lt;instance&gt;.log</c> (as run mode does under
    /// <c>.relay/logs</c>) and calls <paramref name="onFailure"/> for each error line, until disposed.
    /// </summary>
    public static IDisposable WriteResourceLogsTo(this DistributedApplication app, string folder, Action<ResourceLogLine>? onFailure = null)
    {
        var files = new LogFileSink(app.ResourceLogs, folder);
        var failures = onFailure is null ? null : app.ResourceLogs.Subscribe(line =>
        {
            if (line.IsError || line.Text.StartsWith("fail:", StringComparison.Ordinal) || line.Text.StartsWith("crit:", StringComparison.Ordinal))
            {
                onFailure(line);
            }
        });
        return new Both(files, failures);
    }

    private sealed class Both(IDisposable first, IDisposable? second) : IDisposable
    {
        public void Dispose()
        {
            second?.Dispose();
            first.Dispose();
        }
    }
}
