namespace Relay.WsBackend.Frames;

/// <summary>A member joined or left a followed channel: <c>{"type":"join"|"leave","channel","client","name","replica"}</c>.</summary>
internal sealed record PresenceFrame(string Type, string Channel, string Client, string Name, string Replica);
