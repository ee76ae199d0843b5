using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Relay.Security;

/// <summary>Mints HS256 connection tokens with <see cref="ConnectionTokenOptions.Secret"/>: what an app's own server does for its pages (the Receiver does it for its page).</summary>
public sealed class ConnectionTokenIssuer(IOptions<ConnectionTokenOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, IReadOnlyList<string> channels)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Secret))
        {
            throw new InvalidOperationException($"{ConnectionTokenOptions.SectionName}:{nameof(settings.Secret)} is needed to mint tokens.");
        }

        var now = time.GetUtcNow();
        var expiresAt = now + settings.Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [TokenClaims.Subject] = subject,
                [TokenClaims.Channels] = channels.ToArray(),
            },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.Secret)), SecurityAlgorithms.HmacSha256),
        });

        // exp is whole seconds.
        return (token, DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }
}
