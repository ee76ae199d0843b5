using System.Net;

namespace Relay.Hosting.Orchestration;

/// <summary>Healthy when <c>GET &lt;url&gt;</c> answers 200 within 2 s.</summary>
internal sealed class HttpHealthProbe(Uri url) : IHealthProbe
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    // Loopback only, so never through a proxy from the environment.
    private static readonly HttpClient s_client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public string Description { get; } = $"GET {url}";

    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            using var response = await s_client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
