using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// A WebSocket client for tests: it reads every frame in the background, and every wait on a
/// frame or on the close is bounded.
/// </summary>
public sealed class WsTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<(WebSocketCloseStatus? Status, string? Reason)> _closed =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;

    /// <summary>The welcome frame's <c>replica</c>.</summary>
    public string Replica { get; private set; } = "";

    /// <summary>The welcome frame's <c>channels</c>.</summary>
    public IReadOnlyList<string> WelcomeChannels { get; private set; } = [];

    /// <summary>The welcome frame's <c>client</c>: the id presence lists this connection by.</summary>
    public string Client { get; private set; } = "";

    /// <summary>The welcome frame (default until it arrived).</summary>
    public JsonElement Welcome { get; private set; }

    /// <summary>The subprotocol the server selected, or null.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>
    /// Connects with a token for the query's <c>name</c> (<see cref="TestCredentials.Authorize"/>), unless <paramref name="authorize"/>
    /// is false; <paramref name="configure"/> sets anything else (another token, an origin, subprotocols).
    /// </summary>
    public static async Task<WsTestClient> ConnectAsync(
        Uri uri, bool expectWelcome = true, bool authorize = true, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new WsTestClient();
        if (authorize)
        {
            TestCredentials.Authorize(client._socket.Options, uri);
        }

        configure?.Invoke(client._socket.Options);

        await client._socket.ConnectAsync(uri, TestTimeouts.After(TestTimeouts.Step));
        client._readLoop = client.ReadLoopAsync();
        if (expectWelcome)
        {
            var welcome = await client.ReceiveAsync(frame => frame.Type() == "welcome");
            client.Welcome = welcome;
            client.Replica = welcome.GetProperty("replica").GetString() ?? "";
            client.WelcomeChannels = [.. welcome.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!)];
            client.Client = welcome.TryGetProperty("client", out var id) ? id.GetString() ?? "" : "";
        }

        return client;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] payload, WebSocketMessageType type) =>
        await _socket.SendAsync(payload, type, endOfMessage: true, TestTimeouts.After(TestTimeouts.Step));

    public Task SubscribeAsync(string channel) => SendAndConfirmAsync("subscribe", channel, "subscribed");

    public Task UnsubscribeAsync(string channel) => SendAndConfirmAsync("unsubscribe", channel, "unsubscribed");

    /// <summary>The next frame that matches, skipping the others; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> ReceiveAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Step);
        try
        {
            while (await _frames.Reader.WaitToReadAsync(cts.Token))
            {
                while (_frames.Reader.TryRead(out var frame))
                {
                    if (match(frame))
                    {
                        return frame;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching frame within {(timeout ?? TestTimeouts.Step).TotalSeconds} s.");
        }

        throw new InvalidOperationException($"The socket closed before a matching frame arrived ({_closed.Task.Result.Status}).");
    }

    public Task<JsonElement> ReceiveMessageAsync(string text, TimeSpan? timeout = null) =>
        ReceiveAsync(frame => frame.Type() == "message" && frame.TryGetProperty("text", out var t) && t.GetString() == text, timeout);

    /// <summary>Whether a message frame with this text arrives within <paramref name="within"/>.</summary>
    public async Task<bool> ReceivesMessageAsync(string text, TimeSpan within)
    {
        try
        {
            await ReceiveMessageAsync(text, within);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The close status and reason the server sent; fails if it does not close in time.</summary>
    public Task<(WebSocketCloseStatus? Status, string? Reason)> WaitForCloseAsync() =>
        _closed.Task.WaitAsync(TestTimeouts.Step);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "test done", TestTimeouts.After(TimeSpan.FromSeconds(2)));
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        await _stop.CancelAsync();
        _socket.Abort();
        await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task SendAndConfirmAsync(string type, string channel, string reply)
    {
        await SendAsync(JsonSerializer.Serialize(new { type, channel }));
        await ReceiveAsync(frame => frame.Type() == reply && frame.GetProperty("channel").GetString() == channel);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[128 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < buffer.Length);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                _frames.Writer.TryWrite(document.RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException)
        {
        }
        finally
        {
            _closed.TrySetResult((_socket.CloseStatus, _socket.CloseStatusDescription));
            _frames.Writer.TryComplete();
        }
    }
}
