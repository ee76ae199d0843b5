using System.Net.WebSockets;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// How one of a <see cref="RecoveringClient"/>'s sockets ended: a close frame with <see cref="Status"/>, or
/// <see cref="Aborted"/> (reset, killed peer) with the error in <see cref="Reason"/>.
/// </summary>
public sealed record CloseSeen(int Connection, string Replica, WebSocketCloseStatus? Status, string? Reason, bool Aborted);
