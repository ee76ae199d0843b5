using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.Security;

namespace Relay.Api.Security;

/// <summary>
/// The <see cref="RelayAuth.ConnectionTokenScheme"/> scheme: a connection token (JWT) in <c>Authorization: Bearer</c>,
/// checked by <see cref="ConnectionTokenValidator"/>. Its holder may read what it grants, never publish.
/// </summary>
internal sealed class ConnectionTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ConnectionTokenValidator validator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerHeader.Read(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await validator.ValidateAsync(token);
        if (check.Grant is not { } grant)
        {
            return AuthenticateResult.Fail(check.Reason);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(CallerIdentity.Of(grant)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AuthProblems.ChallengeAsync(Context, result.Failure?.Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.ForbidAsync(
            Context,
            $"A connection token may read the history and presence of the channels it grants; publishing needs an API key ('{ApiCredentials.ApiKeyHeader}' or 'Authorization: {ApiCredentials.BearerScheme} <key>').");
}
