namespace Relay.Contracts;

/// <summary>The public routes of the services.</summary>
public static class RelayRoutes
{
    /// <summary>The Api's publish endpoint.</summary>
    public const string Messages = "/api/messages";

    /// <summary>The Api's per-channel reads: <c>{channel}/messages</c> (history) and <c>{channel}/presence</c>.</summary>
    public const string Channels = "/api/channels";

    /// <summary>The WebSocket endpoint of WsBackend (and of the Receiver, which proxies it).</summary>
    public const string WebSocket = "/ws";

    /// <summary>Every service's health (all checks, Redis included); the AppHost waits on it.</summary>
    public const string Health = "/health";

    /// <summary>Every service's liveness (the process answers).</summary>
    public const string Alive = "/alive";

    /// <summary>The Receiver's token endpoint: a short-lived connection token for its page (docs/security.md).</summary>
    public const string ReceiverToken = "/api/token";

    /// <summary>The Sender's own endpoint, which forwards to the Api.</summary>
    public const string SenderSend = "/send";

    /// <summary>The Api's Flow page: Sender → Api → Redis → each WsBackend replica → receivers, live.</summary>
    public const string FlowPage = "/flow";

    /// <summary>The Api's flow figures (JSON), which the Flow page polls.</summary>
    public const string Flow = "/api/flow";

    public static string ChannelMessages(string channel) => $"{Channels}/{channel}/messages";

    public static string ChannelPresence(string channel) => $"{Channels}/{channel}/presence";
}
