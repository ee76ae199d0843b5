using Relay.Contracts;
using Relay.Security;

namespace Relay.Api.Security;

/// <summary>The Api's authentication schemes, authorization and rate-limit policies, by name.</summary>
internal static class RelayAuth
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyScheme"/> or <see cref="ConnectionTokenScheme"/> by the credential's shape.</summary>
    public const string Scheme = "ApiKeyOrToken";

    public const string ApiKeyScheme = "ApiKey";

    public const string ConnectionTokenScheme = "ConnectionToken";

    /// <summary>Publishing: an API key (a connection token is refused with 403).</summary>
    public const string PublishPolicy = "publish";

    /// <summary>History and presence: an API key or a connection token; the endpoint checks the channel.</summary>
    public const string ReadPolicy = "read";

    /// <summary>Per API key, or per client address for requests without a valid one.</summary>
    public const string RateLimitPolicy = "per-caller";

    /// <summary>An <c>X-Api-Key</c> or a bearer value of any other shape goes to the key scheme; a bearer JWT to the token one.</summary>
    public static string SelectScheme(HttpContext context) =>
        !context.Request.Headers.ContainsKey(ApiCredentials.ApiKeyHeader) && BearerHeader.Read(context.Request) is { } bearer && ApiCredentials.LooksLikeToken(bearer)
            ? ConnectionTokenScheme
            : ApiKeyScheme;
}
