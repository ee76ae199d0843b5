namespace Relay.WsBackend.Connections;

/// <summary>
/// A parsed client frame: a subscribe (with the position to recover from, if any) or unsubscribe of a valid
/// channel, a refresh with its new token, or the reason it was refused.
/// </summary>
internal readonly record struct ClientFrame(ClientFrameKind Kind, string? Channel, string? Error, ClientPosition? Since = null, string? Token = null)
{
    public static ClientFrame Refresh(string token) => new(ClientFrameKind.Refresh, null, null, Token: token);

    public static ClientFrame Invalid(string error) => new(ClientFrameKind.Invalid, null, error);
}
