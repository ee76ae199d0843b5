using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relay.Contracts;

namespace Relay.Security;

/// <summary>
/// Checks connection tokens: a signature by the HS256 <see cref="ConnectionTokenOptions.Secret"/> or an RS256/ES256 key of
/// the JWKS (never <c>alg: none</c>, never an algorithm the key is not for), <c>exp</c> required, <c>nbf</c>, and
/// <c>iss</c>/<c>aud</c> when configured; then <c>sub</c> (a valid presence name) and <c>channels</c> (valid patterns).
/// </summary>
public sealed class ConnectionTokenValidator
{
    private static readonly string[] Algorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = TokenClaims.MaxTokenLength };
    private readonly TokenValidationParameters _parameters;
    private readonly JwksKeys _jwks;

    public ConnectionTokenValidator(IOptions<ConnectionTokenOptions> options, JwksKeys jwks)
    {
        var settings = options.Value;
        _jwks = jwks;
        SecurityKey? secret = string.IsNullOrEmpty(settings.Secret) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.Secret));
        _parameters = new TokenValidationParameters
        {
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
            ValidateIssuer = settings.Issuer is not null,
            ValidIssuer = settings.Issuer,
            ValidateAudience = settings.Audience is not null,
            ValidAudience = settings.Audience,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeyResolver = (_, _, _, _) => secret is null ? jwks.Current : [secret, .. jwks.Current],
        };
    }

    public async ValueTask<TokenCheck> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Refused(TokenFailure.Missing, "A connection token is required.");
        }

        if (token.Length > TokenClaims.MaxTokenLength)
        {
            return TokenCheck.Refused(TokenFailure.Malformed, $"The token is longer than {TokenClaims.MaxTokenLength} characters.");
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && await _jwks.RefreshIfStaleAsync())
        {
            // A key rotated in the JWKS since it was last read.
            result = await _handler.ValidateTokenAsync(token, _parameters);
        }

        return result.IsValid ? ReadGrant((JsonWebToken)result.SecurityToken) : Refusal(result.Exception);
    }

    private static TokenCheck ReadGrant(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<string>(TokenClaims.Subject, out var subject) || NameRules.Error(subject) is not null)
        {
            return TokenCheck.Refused(TokenFailure.BadClaims, "The token's sub must be a presence name: 1–64 characters, no control characters.");
        }

        string[] channels = [];
        if (token.TryGetClaim(TokenClaims.Channels, out _)
            && (!token.TryGetPayloadValue(TokenClaims.Channels, out channels!)
                || channels is null
                || channels.Length > TokenClaims.MaxChannels
                || !channels.All(ChannelGrants.IsValidPattern)))
        {
            return TokenCheck.Refused(
                TokenFailure.BadClaims,
                $"The token's channels must be an array of at most {TokenClaims.MaxChannels} channel patterns (a channel name, * for any run of characters).");
        }

        return new TokenCheck(new ConnectionGrant(subject, channels, new DateTimeOffset(token.ValidTo, TimeSpan.Zero)), TokenFailure.None, "");
    }

    private static TokenCheck Refusal(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenCheck.Refused(TokenFailure.Expired, "The token has expired."),
        SecurityTokenNotYetValidException => TokenCheck.Refused(TokenFailure.NotYetValid, "The token is not valid yet (nbf)."),
        SecurityTokenInvalidAudienceException => TokenCheck.Refused(TokenFailure.WrongAudience, "The token is not for this audience (aud)."),
        SecurityTokenInvalidIssuerException => TokenCheck.Refused(TokenFailure.WrongIssuer, "The token is not from the expected issuer (iss)."),
        SecurityTokenNoExpirationException => TokenCheck.Refused(TokenFailure.BadClaims, "The token has no expiry (exp)."),
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidAlgorithmException
            => TokenCheck.Refused(TokenFailure.BadSignature, "The token's signature is not valid."),
        _ => TokenCheck.Refused(TokenFailure.Malformed, "The token is not a well-formed signed JWT."),
    };
}
