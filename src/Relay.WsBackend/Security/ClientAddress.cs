using System.Net;

namespace Relay.WsBackend.Security;

/// <summary>
/// The address a connection counts against (<c>WsBackend:MaxConnectionsPerAddress</c>): the peer's, which the
/// forwarded-headers middleware replaced with <c>X-Forwarded-For</c>'s last hop when the peer is a loopback proxy.
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
    };
}
