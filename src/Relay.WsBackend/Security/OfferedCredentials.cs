using Microsoft.Net.Http.Headers;
using Relay.Contracts;
using Relay.Security;

namespace Relay.WsBackend.Security;

/// <summary>
/// The connection token an upgrade request carries: <c>Authorization: Bearer &lt;jwt&gt;</c> (non-browser clients) or the
/// subprotocol <c>relay.token.&lt;jwt&gt;</c> (browsers, which cannot set headers), never the URL.
/// </summary>
/// <param name="Token">The token, or null when the request carries none.</param>
/// <param name="Problem">Why the request's credentials are unusable (a malformed header, two tokens), or null.</param>
/// <param name="OffersProtocol">Whether the client offered <see cref="WebSocketSubprotocols.Protocol"/>, which the server must then select.</param>
internal sealed record OfferedCredentials(string? Token, string? Problem, bool OffersProtocol)
{
    public static OfferedCredentials Read(HttpContext context)
    {
        var protocols = context.WebSockets.WebSocketRequestedProtocols;
        var offersProtocol = protocols.Contains(WebSocketSubprotocols.Protocol, StringComparer.Ordinal);
        List<string> tokens = [];
        foreach (var protocol in protocols)
        {
            if (protocol.StartsWith(WebSocketSubprotocols.TokenPrefix, StringComparison.Ordinal))
            {
                tokens.Add(protocol[WebSocketSubprotocols.TokenPrefix.Length..]);
            }
        }

        var authorization = context.Request.Headers[HeaderNames.Authorization];
        if (authorization.Count > 1)
        {
            return new OfferedCredentials(null, "Give one Authorization header.", offersProtocol);
        }

        if (authorization.Count == 1)
        {
            if (BearerHeader.Read(context.Request) is not { } token)
            {
                return new OfferedCredentials(null, "The Authorization header must be 'Bearer <connection token>'.", offersProtocol);
            }

            tokens.Add(token);
        }

        return tokens.Count switch
        {
            0 => new OfferedCredentials(null, null, offersProtocol),
            1 => new OfferedCredentials(tokens[0], null, offersProtocol),
            _ => new OfferedCredentials(null, "Give one connection token: an Authorization header or one relay.token.* subprotocol.", offersProtocol),
        };
    }
}
