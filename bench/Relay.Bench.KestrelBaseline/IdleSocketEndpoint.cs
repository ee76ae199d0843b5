using System.Net.WebSockets;
using System.Text;

namespace Relay.Bench.KestrelBaseline;

/// <summary>
/// <c>GET /ws</c>: accepts, sends one small greeting (WsBackend sends its welcome, so both sides have sent one
/// frame), then waits with zero-byte reads until the peer closes: no buffer is held while idle.
/// </summary>
internal static class IdleSocketEndpoint
{
    /// <summary>WsBackend's default ping interval and pong timeout, so both servers keep the same timers per socket.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private static readonly byte[] s_greeting = Encoding.UTF8.GetBytes("""{"type":"welcome","replica":"baseline","channels":["general"]}""");

    public static IEndpointRouteBuilder MapIdleSocketEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ws", RunAsync);
        app.MapGet("/alive", () => "ok");
        return app;
    }

    private static async Task RunAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await socket.SendAsync(s_greeting, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            while (true)
            {
                var peek = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }

                // The idle benchmark's clients never send data; drain anything that comes anyway.
                var discard = new byte[1024];
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(discard.AsMemory(), CancellationToken.None);
                }
                while (!result.EndOfMessage);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The peer went away: nothing to answer.
        }
    }
}
