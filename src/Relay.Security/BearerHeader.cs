using Microsoft.AspNetCore.Http;
using Relay.Contracts;

namespace Relay.Security;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;value&gt;</c>, for the Api (an API key or a connection token) and WsBackend (a
/// connection token); the scheme's case does not matter (RFC 9110 §11.1).
/// </summary>
public static class BearerHeader
{
    /// <summary>The value of the one <c>Authorization</c> header when it is a non-empty bearer value, else null.</summary>
    public static string? Read(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header)
        {
            return null;
        }

        var scheme = ApiCredentials.BearerScheme;
        if (header.Length <= scheme.Length + 1
            || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            || header[scheme.Length] != ' ')
        {
            return null;
        }

        var value = header.AsSpan(scheme.Length + 1).Trim(' ');
        return value.IsEmpty ? null : value.ToString();
    }
}
