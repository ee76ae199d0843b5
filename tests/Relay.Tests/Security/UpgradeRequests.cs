using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
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
        using var response = await s_http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestTimeouts.After(TestTimeouts.Step));

        // An accepted upgrade has no body to read: the connection is a WebSocket now, dropped with the response.
        return response.StatusCode == HttpStatusCode.SwitchingProtocols
            ? (new ApiAnswer(response.StatusCode, null, null, default, "101 Switching Protocols"), response.Headers)
            : (await ApiAnswer.ReadAsync(response), response.Headers);
    }

    public static void Bearer(HttpRequestHeaders headers, string token) => headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

    /// <summary>A token signed with nothing: <c>alg: none</c>, an empty signature.</summary>
    public static string UnsignedToken(string subject) =>
        Base64Url("""{"alg":"none","typ":"JWT"}""") + "." +
        Base64Url($$"""{"sub":"{{subject}}","channels":["*"],"exp":{{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}}}""") + ".";

    /// <summary>A token signed with the test secret whose <c>nbf</c> is an hour away.</summary>
    public static string NotYetValidToken(string subject) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            NotBefore = DateTime.UtcNow.AddHours(1),
            Expires = DateTime.UtcNow.AddHours(2),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["channels"] = TestCredentials.AllChannels },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestCredentials.TokenSecret)), SecurityAlgorithms.HmacSha256),
        });

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
