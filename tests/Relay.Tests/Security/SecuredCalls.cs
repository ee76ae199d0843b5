using System.Net;
using System.Net.Http.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>Api calls with chosen credentials and client address, answered with the headers the security tests look at.</summary>
internal static class SecuredCalls
{
    /// <summary>
    /// A client address of its own for one test (a random IPv6 documentation /64): the Api believes X-Forwarded-For
    /// from loopback, and limits requests without a key per address, so one test's flood does not slow another's.
    /// </summary>
    public static string FreshAddress() => $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}::1";

    /// <summary>A client of the Api that sends no credentials, from <paramref name="address"/> (a fresh one by default).</summary>
    public static HttpClient Anonymous(RelayApp relay, string? address = null)
    {
        var client = relay.CreateAnonymousHttpClient(ResourceNames.Api);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? FreshAddress());
        return client;
    }

    /// <summary>A client of the Api that sends <paramref name="bearer"/> (an API key or a connection token) as <c>Authorization: Bearer</c>.</summary>
    public static HttpClient WithBearer(RelayApp relay, string bearer, string? address = null)
    {
        var client = Anonymous(relay, address);
        client.DefaultRequestHeaders.Authorization = new(ApiCredentials.BearerScheme, bearer);
        return client;
    }

    public static object Message(string channel, string? text = null) => new { channel, sender = "tests", text = text ?? Publisher.UniqueText() };

    public static Task<SecuredAnswer> PublishAsync(HttpClient api, string channel, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(api, HttpMethod.Post, RelayRoutes.Messages, Message(channel), configure);

    /// <summary>Only the status: the answer to a malformed request need not be JSON (Kestrel's own 400 and 431 are empty).</summary>
    public static async Task<HttpStatusCode> SendRawAsync(
        HttpClient api, HttpMethod method, string path, object? body, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        configure(request);
        using var response = await api.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));
        return response.StatusCode;
    }

    public static async Task<SecuredAnswer> SendAsync(
        HttpClient api, HttpMethod method, string path, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        configure?.Invoke(request);
        using var response = await api.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));
        return new SecuredAnswer(
            await ApiAnswer.ReadAsync(response),
            response.Headers.RetryAfter?.Delta,
            string.Join(", ", response.Headers.WwwAuthenticate));
    }
}

/// <summary>An answer with its <c>Retry-After</c> (as a delay) and <c>WWW-Authenticate</c>.</summary>
internal sealed record SecuredAnswer(ApiAnswer Answer, TimeSpan? RetryAfter, string WwwAuthenticate)
{
    public HttpStatusCode Status => Answer.Status;

    /// <summary>Asserts a 401 ProblemDetails that asks for a bearer credential.</summary>
    public SecuredAnswer ExpectUnauthorized()
    {
        Answer.ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.StartsWith(ApiCredentials.BearerScheme, WwwAuthenticate, StringComparison.Ordinal);
        return this;
    }
}
