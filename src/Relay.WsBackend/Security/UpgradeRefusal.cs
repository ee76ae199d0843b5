namespace Relay.WsBackend.Security;

/// <summary>A WebSocket upgrade refused before it happened: the ProblemDetails status, title and detail, and why (logged and counted).</summary>
internal sealed record UpgradeRefusal(int Status, RefusalReason Reason, string Title, string Detail);
