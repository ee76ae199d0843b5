namespace Relay.Contracts;

/// <summary>
/// The Redis keys Relay keeps, named once for the Api (which writes history) and WsBackend (which reads it and
/// keeps presence). Every key of one Relay channel carries the channel as its Redis Cluster hash tag,
/// <c>relay:{&lt;channel&gt;}:…</c>, as do its pub/sub channels (<see cref="RelayChannels"/>): each script touches
/// one slot, so it runs on one shard of a cluster, and a standalone Redis does not mind. A channel name has no
/// <c>{</c> or <c>}</c> (<see cref="ChannelName"/>), so the tag is always the whole name.
/// </summary>
public static class RelayKeys
{
    /// <summary><c>relay:{&lt;channel&gt;}:</c>, the start of every key and pub/sub channel of <paramref name="channel"/>.</summary>
    public static string ChannelPrefix(string channel) => "relay:{" + channel + "}:";

    /// <summary>A channel's history: a Redis Stream whose entry ids are <c>0-&lt;offset&gt;</c>, the envelope in field <see cref="StreamField"/>.</summary>
    public static string Stream(string channel) => ChannelPrefix(channel) + "stream";

    /// <summary>
    /// A channel's position: a hash with fields <see cref="EpochField"/>, <see cref="OffsetField"/> (the last offset
    /// given), <see cref="StartField"/> (the first offset of the epoch) and, on a cluster, <see cref="WriterField"/>.
    /// </summary>
    public static string Meta(string channel) => ChannelPrefix(channel) + "meta";

    /// <summary>
    /// The first answer given to a publish to <paramref name="channel"/> with this <c>Idempotency-Key</c> under the API
    /// key <paramref name="keyId"/>: each API key has its own keys, per channel (the key lives in the channel's slot).
    /// </summary>
    public static string Idempotency(string channel, string keyId, string key) => ChannelPrefix(channel) + "idem:" + keyId + ":" + key;

    /// <summary>Who is online in a channel: a hash of client id → <see cref="PresenceMember"/> JSON.</summary>
    public static string Presence(string channel) => ChannelPrefix(channel) + "presence";

    /// <summary>
    /// The live WsBackend processes: a sorted set of presence replica id → last heartbeat (Redis time, ms), or minus
    /// the time a sweep claimed the process (taken for dead, its members being removed).
    /// </summary>
    public const string PresenceReplicas = "relay:presence-replicas";

    /// <summary>The channels where one WsBackend process has members: a set, so others can clean up after it.</summary>
    public static string PresenceReplicaChannels(string presenceReplicaId) => "relay:presence-replica:{" + presenceReplicaId + "}";

    /// <summary>
    /// The flow figures of one service instance (<c>api</c> or <c>wsbackend</c>): a <see cref="Flow.FlowSnapshot"/>
    /// JSON string, rewritten every <see cref="Flow.FlowLimits.Interval"/> with expiry <see cref="Flow.FlowLimits.Expiry"/>.
    /// <paramref name="node"/> is <see cref="FlowNodeName"/>.
    /// </summary>
    public static string FlowNode(string node) => FlowNodePrefix + node;

    /// <summary>One instance in the flow figures: its member of <see cref="FlowNodes"/> and its key's tail, <c>&lt;service&gt;:&lt;instance id&gt;</c>.</summary>
    public static string FlowNodeName(string service, string instance) => service + ":" + instance;

    /// <summary>The prefix of every <see cref="FlowNode(string)"/> key: one hash tag with <see cref="FlowNodes"/>, so the flow scripts touch one slot.</summary>
    public const string FlowNodePrefix = "relay:{flow}:node:";

    /// <summary>
    /// The index of the flow figures: a sorted set of <see cref="FlowNodeName"/> → when its key expires
    /// (Redis time, ms), so readers find the live ones without SCAN; writers drop the expired members.
    /// </summary>
    public const string FlowNodes = "relay:{flow}:nodes";

    public const string StreamField = "d";
    public const string EpochField = "epoch";
    public const string OffsetField = "offset";

    /// <summary>
    /// The first offset of the current epoch: 1 for an epoch that began with the channel's data gone; one past the
    /// last surviving offset for one a new cluster master began (<see cref="WriterField"/>), whose offsets below it
    /// are the previous epoch's.
    /// </summary>
    public const string StartField = "start";

    /// <summary>On a cluster, the node id (<c>CLUSTER MYID</c>) of the master that wrote the epoch.</summary>
    public const string WriterField = "writer";

    /// <summary>The id of the stream entry at <paramref name="offset"/>.</summary>
    public static string StreamId(long offset) => "0-" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
