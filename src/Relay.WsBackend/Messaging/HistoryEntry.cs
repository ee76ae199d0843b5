using Relay.Contracts;

namespace Relay.WsBackend.Messaging;

/// <summary>One message of a channel's history, at <see cref="Offset"/> (its stream entry id <c>0-&lt;offset&gt;</c>).</summary>
internal readonly record struct HistoryEntry(long Offset, MessageEnvelope Envelope);
