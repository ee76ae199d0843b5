using System.Net;
using System.Net.Sockets;

namespace Relay.Bench.Hosting;

/// <summary>Free loopback ports for the processes the bench starts itself.</summary>
internal static class LoopbackPort
{
    /// <summary>A port the kernel just handed out and released: free, unless something takes it in between.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
