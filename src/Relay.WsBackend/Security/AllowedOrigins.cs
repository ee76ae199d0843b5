using Microsoft.Extensions.Options;
using Relay.WsBackend.Options;

namespace Relay.WsBackend.Security;

/// <summary>
/// <see cref="WsBackendOptions.AllowedOrigins"/>: which pages may open a WebSocket. A browser always sends the page's
/// <c>Origin</c> on an upgrade, so a page of another site cannot use a visitor's browser to connect (cross-site
/// WebSocket hijacking). ASP.NET Core's <c>WebSocketOptions.AllowedOrigins</c> does the same check but answers a bare
/// 403 without a body; this one lets the endpoint answer ProblemDetails like its other refusals.
/// </summary>
internal sealed class AllowedOrigins(IOptions<WsBackendOptions> options)
{
    private readonly HashSet<string> _origins = new(options.Value.AllowedOrigins.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an upgrade with this <c>Origin</c> header may proceed: no header (not a browser), an empty list, or a listed origin.</summary>
    public bool Allows(string? origin) => string.IsNullOrEmpty(origin) || _origins.Count == 0 || _origins.Contains(Normalize(origin));

    /// <summary>Whether <paramref name="value"/> is an origin: <c>http(s)://host[:port]</c>, nothing after it but an optional <c>/</c>.</summary>
    public static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);

    // Browsers send scheme://host[:port] without a trailing slash, the default port left out.
    private static string Normalize(string origin) => origin.Trim().TrimEnd('/');
}
