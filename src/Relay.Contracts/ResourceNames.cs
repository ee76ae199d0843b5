namespace Relay.Contracts;

/// <summary>The names of the app model's resources. Services find each other by these names.</summary>
public static class ResourceNames
{
    public const string Redis = "redis";
    public const string Api = "api";
    public const string WsBackend = "wsbackend";
    public const string Sender = "sender";
    public const string Receiver = "receiver";

    /// <summary>The secret parameter holding the Sender's API key (generated unless <c>Parameters:api-key</c> is given).</summary>
    public const string ApiKey = "api-key";

    /// <summary>The secret parameter holding the HS256 secret of connection tokens (generated unless <c>Parameters:connection-token-secret</c> is given).</summary>
    public const string ConnectionTokenSecret = "connection-token-secret";
}
