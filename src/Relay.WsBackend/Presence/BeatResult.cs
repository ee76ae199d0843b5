namespace Relay.WsBackend.Presence;

/// <summary>
/// What a heartbeat found: whether the process was listed live (its heartbeat is refreshed), else whether a sweep had
/// claimed it (else it was missing, and is added); and the dead processes it claimed, for the caller to sweep.
/// </summary>
internal readonly record struct BeatResult(bool WasListed, bool IsClaimed, string[] ToSweep);
