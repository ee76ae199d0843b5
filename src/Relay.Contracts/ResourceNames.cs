namespace Relay.Contracts;

/// <summary>The names of the app model's resources. Services find each other by these names.</summary>
public static class ResourceNames
{
    public const string Redis = "redis";
    public const string Api = "api";
    public const string WsBackend = "wsbackend";
    public const string Sender = "sender";
    public const string Receiver = "receiver";
}
