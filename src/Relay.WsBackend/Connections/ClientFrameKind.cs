namespace Relay.WsBackend.Connections;

internal enum ClientFrameKind
{
    Invalid,
    Subscribe,
    Unsubscribe,
    Refresh,
}
