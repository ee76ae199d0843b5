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

    /// <summary>The most channels one connection may follow (the protocol allows at most 64).</summary>
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
}
