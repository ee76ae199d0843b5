using System.Net.Http.Headers;
using System.Text;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>WebSocket upgrade requests sent by hand, to read a refusal's ProblemDetails body (a ClientWebSocket only sees its status).</summary>
internal static class UpgradeRequests
{
    private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });

    /// <summary>An upgrade of <paramref name="webSocketUri"/> with the headers <paramref name="headers"/> adds (a token, an origin, subprotocols).</summary>
    public static async Task<(ApiAnswer Answer, HttpResponseHeaders Headers)> SendAsync(Uri webSocketUri, Action<HttpRequestHeaders>? headers = null)
    {
        var uri = new UriBuilder(webSocketUri) { Scheme = "http" }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        headers?.Invoke(request.Headers);
        using var response = await s_http.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));
        return (await ApiAnswer.ReadAsync(response), response.Headers);
    }

    public static void Bearer(HttpRequestHeaders headers, string token) => headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

    /// <summary>A token signed with nothing: <c>alg: none</c>, an empty signature.</summary>
    public static string UnsignedToken(string subject) =>
        Base64Url("""{"alg":"none","typ":"JWT"}""") + "." +
        Base64Url($$"""{"sub":"{{subject}}","channels":["*"],"exp":{{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}}}""") + ".";

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
