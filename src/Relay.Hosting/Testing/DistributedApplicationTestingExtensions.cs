namespace Relay.Hosting.Testing;

public static class DistributedApplicationTestingExtensions
{
    /// <summary>An HttpClient whose BaseAddress is the endpoint of one replica of <paramref name="resourceName"/>.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, int replica = 0) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = app.GetEndpoint(resourceName, replica) };
}
