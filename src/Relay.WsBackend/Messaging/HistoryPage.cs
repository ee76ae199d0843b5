namespace Relay.WsBackend.Messaging;

/// <summary>
/// One read of a channel's history. <see cref="LastOffset"/> and <see cref="Full"/> describe Redis's answer, entries
/// that could not be decoded included, so a reader pages on past a malformed entry instead of stopping at it.
/// </summary>
/// <param name="Entries">The decoded messages, oldest first.</param>
/// <param name="LastOffset">The offset of the last entry Redis returned; 0 when it returned none.</param>
/// <param name="Full">True when Redis returned as many entries as asked for: more may follow.</param>
internal sealed record HistoryPage(List<HistoryEntry> Entries, long LastOffset, bool Full);
