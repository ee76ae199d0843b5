namespace Relay.Contracts;

/// <summary>How clients of the Api present an API key or a connection token (docs/protocol.md, docs/security.md).</summary>
public static class ApiCredentials
{
    /// <summary>The <c>Authorization</c> scheme of both: <c>Bearer &lt;API key&gt;</c> or <c>Bearer &lt;connection token&gt;</c>.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The other header an API key may come in, on its own.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The shortest API key: 32 characters.</summary>
    public const int MinApiKeyLength = 32;

    /// <summary>The longest API key; a longer value is refused unhashed.</summary>
    public const int MaxApiKeyLength = 256;

    /// <summary>A bearer value with two dots is a connection token (a JWT); an API key never has that shape.</summary>
    public static bool LooksLikeToken(ReadOnlySpan<char> bearer) => bearer.Count('.') == 2;
}
