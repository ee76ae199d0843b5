namespace Relay.WsBackend.Presence;

/// <summary>What a heartbeat found: whether Redis still knew this process, and what the sweep removed.</summary>
internal readonly record struct BeatResult(bool WasKnown, long DeadProcesses, long Leaves);
