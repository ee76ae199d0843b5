using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Contracts;
using Relay.Security;

namespace Relay.Receiver.Apis;

/// <summary>
/// <c>POST /api/token</c>: what an app's own server does for its pages, here with no login. A person who types a name
/// gets a token whose <c>sub</c> is that name, for every public channel and their own private channel
/// (<c>private:&lt;name&gt;</c>); a nameless visitor gets a guest token for the public channels and joins no presence.
/// The page refreshes the token over its socket before it expires. This demo trusts whoever calls it with any name:
/// an app puts this endpoint behind its own sign-in and takes the name from it (docs/security.md).
/// </summary>
internal static partial class TokenApi
{
    private const string GuestPrefix = "guest-";

    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(RelayRoutes.ReceiverToken, Issue).WithName("IssueConnectionToken");
        return app;
    }

    private static Results<Ok<TokenResponse>, ValidationProblem> Issue(TokenRequest? request, ConnectionTokenIssuer issuer)
    {
        var name = request?.Name?.Trim();
        if (name is { Length: > 0 } && NameRules.Error(name) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [error] }, title: "Invalid name");
        }

        string subject;
        string[] channels;
        if (string.IsNullOrEmpty(name))
        {
            // A refresh must keep its subject (WsBackend closes a connection whose token changes hands, 4003). A guest
            // subject grants nothing a fresh one would not, so whoever names one may have it.
            subject = request?.Guest is { } guest && GuestSubject().IsMatch(guest)
                ? guest
                : GuestPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            channels = ["*"];
        }
        else
        {
            subject = name;
            channels = RelayChannels.PrivateOf(name) is { } own ? ["*", own] : ["*"];
        }

        var (token, expiresAt) = issuer.Issue(subject, channels);
        return TypedResults.Ok(new TokenResponse(token, subject, channels, expiresAt));
    }

    [GeneratedRegex("^guest-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex GuestSubject();
}
