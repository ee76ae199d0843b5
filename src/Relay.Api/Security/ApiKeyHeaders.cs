using Relay.Contracts;
using Relay.Security;

namespace Relay.Api.Security;

/// <summary>Reads the API key of a request: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>, one of them, once.</summary>
internal static class ApiKeyHeaders
{
    /// <summary>The presented key (null when none is), or why the headers are refused; the key itself is never in it.</summary>
    public static (string? Key, string? Problem) Read(HttpRequest request)
    {
        var apiKey = request.Headers[ApiCredentials.ApiKeyHeader];
        var authorization = request.Headers.Authorization;
        if (apiKey.Count > 1 || authorization.Count > 1)
        {
            return (null, $"Give one {ApiCredentials.ApiKeyHeader} or one Authorization header, once.");
        }

        if (apiKey.Count == 1)
        {
            return authorization.Count == 1
                ? (null, $"Give the API key in {ApiCredentials.ApiKeyHeader} or in Authorization, not both.")
                : string.IsNullOrWhiteSpace(apiKey[0]) ? (null, $"The {ApiCredentials.ApiKeyHeader} header is empty.") : (apiKey[0]!.Trim(' '), null);
        }

        if (authorization.Count == 0)
        {
            return (null, null);
        }

        return BearerHeader.Read(request) is { } key
            ? (key, null)
            : (null, $"The Authorization header must be '{ApiCredentials.BearerScheme} <API key>' (or '{ApiCredentials.BearerScheme} <connection token>' to read).");
    }
}
