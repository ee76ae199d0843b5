using System.Net;
using System.Net.Sockets;

namespace Relay.Hosting.Orchestration;

/// <summary>Hands out loopback ports, each at most once per app.</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];

    /// <summary>True when nothing listens on 127.0.0.1:<paramref name="port"/> (nor on the wildcard address).</summary>
    public bool TryClaim(int port)
    {
        if (_given.Contains(port) || !CanBind(port))
        {
            return false;
        }

        _given.Add(port);
        return true;
    }

    /// <summary>A port the kernel says is free now: bound on 127.0.0.1:0, read, released.</summary>
    public int AllocateFree()
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            if (_given.Add(port))
            {
                return port;
            }
        }
    }

    private static bool CanBind(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        // Like Kestrel: a port whose last connections are in TIME_WAIT is free; one somebody listens on is not.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
