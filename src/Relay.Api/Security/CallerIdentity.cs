using System.Security.Claims;
using Relay.Security;

namespace Relay.Api.Security;

/// <summary>Who made a request: the holder of an API key (may publish and read) or of a connection token (may only read).</summary>
internal sealed class CallerIdentity : ClaimsIdentity
{
    private CallerIdentity(string scheme, string name, ApiKey? key, ConnectionGrant? grant)
        : base([new Claim(ClaimTypes.Name, name)], scheme)
    {
        Key = key;
        Grant = grant;
    }

    public ApiKey? Key { get; }

    public ConnectionGrant? Grant { get; }

    /// <summary>What a refusal names: the key's id or the token's subject, never a secret.</summary>
    public string Description => Key is not null ? $"API key '{Key.Id}'" : $"connection token of '{Grant!.Subject}'";

    public static CallerIdentity Of(ApiKey key) => new(RelayAuth.ApiKeyScheme, key.Id, key, null);

    public static CallerIdentity Of(ConnectionGrant grant) => new(RelayAuth.ConnectionTokenScheme, grant.Subject, null, grant);

    public bool Allows(string channel) => Key?.Allows(channel) ?? Grant?.Allows(channel) ?? false;

    // A clone keeps the key or grant the endpoints read.
    public override ClaimsIdentity Clone() => new CallerIdentity(AuthenticationType!, Name!, Key, Grant);
}
