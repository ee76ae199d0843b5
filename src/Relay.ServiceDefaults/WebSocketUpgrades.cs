using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Tells WebSocket upgrade requests apart, so the tracing filters can leave them out: a WebSocket's request lasts
/// as long as its connection, and a span that long says nothing about any message.
/// </summary>
/// <remarks>
/// Both checks run for every request (the publish path included), so they read headers without parsing or allocating.
/// HTTP/1.1 upgrades carry <c>Upgrade: websocket</c>; HTTP/2 WebSockets (extended CONNECT) carry <c>:protocol</c>.
/// </remarks>
internal static class WebSocketUpgrades
{
    private const string WebSocketToken = "websocket";

    /// <summary>
    /// An incoming upgrade. The tracing filter runs when the request starts, before UseWebSockets adds the feature
    /// behind <c>context.WebSockets.IsWebSocketRequest</c> (and the Receiver's YARP never adds it), so the request
    /// itself is read too.
    /// </summary>
    public static bool IsUpgrade(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect
            && string.Equals(connect.Protocol, WebSocketToken, StringComparison.OrdinalIgnoreCase))
        || HasWebSocketToken(context.Request.Headers.Upgrade);

    /// <summary>An outgoing upgrade, e.g. the Receiver's proxy forwarding a WebSocket to a WsBackend replica.</summary>
    public static bool IsUpgrade(HttpRequestMessage request)
    {
        if (string.Equals(request.Headers.Protocol, WebSocketToken, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (request.Headers.NonValidated.TryGetValues(HeaderNames.Upgrade, out var upgrades))
        {
            foreach (var value in upgrades)
            {
                if (value.Contains(WebSocketToken, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasWebSocketToken(StringValues values)
    {
        foreach (var value in values)
        {
            if (value is not null && value.Contains(WebSocketToken, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
