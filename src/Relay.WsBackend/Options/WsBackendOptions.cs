using Relay.Contracts;

namespace Relay.WsBackend.Options;

/// <summary>The WebSocket fan-out's limits, bound from the <c>WsBackend</c> configuration section.</summary>
public sealed class WsBackendOptions
{
    public const string SectionName = "WsBackend";

    /// <summary>
    /// How many bytes of frames may wait for one socket. A socket whose queue would grow past this is
    /// a slow consumer and is closed with 4008, so it never delays the others.
    /// </summary>
    public int SendQueueLimitBytes { get; set; } = 1024 * 1024;

    /// <summary>The most channels one connection may follow (the protocol allows at most 128).</summary>
    public int MaxChannelsPerConnection { get; set; } = SubscriptionLimits.MaxChannelsPerConnection;

    /// <summary>
    /// How many subscribes of one connection may wait for their answer (each may replay history in the replica's
    /// delivery loop); past it a subscribe is refused with an error frame, so one client cannot hold up the others.
    /// </summary>
    public int MaxPendingSubscribes { get; set; } = 8;

    /// <summary>How often the server pings each socket.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a peer may take to answer a ping before its socket is aborted.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The most WebSockets this replica holds (Kestrel's MaxConcurrentUpgradedConnections). One process
    /// may open at most 20,000 file descriptors here; past this limit upgrades are refused with 503.
    /// </summary>
    public int MaxConnections { get; set; } = 19_000;

    /// <summary>
    /// How long a server-initiated close (4008, 1009, 1003, 1012) may take before the socket is aborted. Shorter
    /// than the AppHost's 5 s stop grace, so a shutdown that meets a dead peer still ends before SIGKILL.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The origins (<c>scheme://host[:port]</c>) whose pages may open a WebSocket: an upgrade whose <c>Origin</c> header
    /// is not one of them is refused with 403. Empty: any origin. Clients that send no <c>Origin</c> (not browsers) pass.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Whether a connection may come without a token: it then follows public channels only and has no presence name.
    /// Off by default: every upgrade needs a valid connection token (401 otherwise).
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// The most WebSockets one client address holds on this replica; past it upgrades are refused with 429. The address
    /// is the peer's, or the <c>X-Forwarded-For</c> a loopback proxy (the Receiver) sets.
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 1_000;

    /// <summary>
    /// How many client frames per second a connection may send, on average (a token bucket of <see cref="MaxFrameBurst"/>);
    /// past it the connection is closed with 4029 "too many frames".
    /// </summary>
    public int MaxFramesPerSecond { get; set; } = 100;

    /// <summary>How many client frames a connection may send at once: room for a page that subscribes to 128 channels and leaves them again.</summary>
    public int MaxFrameBurst { get; set; } = 2 * SubscriptionLimits.MaxChannelsPerConnection;
}
