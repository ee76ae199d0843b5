using System.Net;
using Relay.Contracts;

namespace Relay.Bench.Clients;

/// <summary>
/// POST /api/messages over HTTP/1.1 keep-alive connections, made cheap because it shares the cores with what it
/// measures: pre-serialized bodies, an unparsed Content-Type, no proxy, no cookies, no decompression.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>The request failed without an HTTP answer (connection refused or reset).</summary>
    public const int TransportFailed = -1;

    /// <summary>No answer within <see cref="RequestTimeout"/>.</summary>
    public const int TimedOut = -2;

    /// <summary>How long one publish may take before it counts as <see cref="TimedOut"/>.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpMessageInvoker _http;
    private readonly Uri _messages;

    public ApiClient(Uri api, int connections)
    {
        _messages = new Uri(api, RelayRoutes.Messages);
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
    }

    /// <summary>Posts the body; the HTTP status, or <see cref="TransportFailed"/> / <see cref="TimedOut"/>.</summary>
    public async Task<int> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messages)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + BenchCredentials.ApiKey);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            // The answer's body (~90 bytes) is read with the headers; the connection then goes back to the pool.
            using var response = await _http.SendAsync(request, timeout.Token);
            await response.Content.LoadIntoBufferAsync(timeout.Token);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return TransportFailed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TimedOut;
        }
    }

    public void Dispose() => _http.Dispose();
}
