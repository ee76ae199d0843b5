using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.Security;
using Relay.WsBackend.Apis;
using Relay.WsBackend.Options;

namespace Relay.WsBackend.Security;

/// <summary>
/// Decides, before the upgrade, whether a valid <c>GET /ws</c> may become a WebSocket: its origin, its connection
/// token, its <c>name</c> (the token's <c>sub</c>, so no one appears under a name they cannot prove) and its channels
/// (each granted by the token; public ones only without a token, when anonymous connections are allowed).
/// </summary>
internal sealed class UpgradeAuthorizer(AllowedOrigins origins, ConnectionTokenValidator tokens, IOptions<WsBackendOptions> options)
{
    private const string TokenTitle = "Connection token required";
    private const string InvalidTokenTitle = "Invalid connection token";

    public async ValueTask<UpgradeDecision> AuthorizeAsync(HttpContext context, ConnectQuery query)
    {
        var credentials = OfferedCredentials.Read(context);
        var decision = await DecideAsync(context, query, credentials);
        return decision with { OffersProtocol = credentials.OffersProtocol };
    }

    private async ValueTask<UpgradeDecision> DecideAsync(HttpContext context, ConnectQuery query, OfferedCredentials credentials)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (!origins.Allows(origin))
        {
            return Refuse(StatusCodes.Status403Forbidden, RefusalReason.Origin, "Origin not allowed",
                "Pages of this origin may not open a WebSocket here (WsBackend:AllowedOrigins).");
        }

        if (credentials.Problem is { } problem)
        {
            return Refuse(StatusCodes.Status401Unauthorized, RefusalReason.TokenInvalid, InvalidTokenTitle, problem);
        }

        if (credentials.Token is null)
        {
            return Anonymous(query);
        }

        var check = await tokens.ValidateAsync(credentials.Token);
        if (check.Grant is not { } grant)
        {
            return check.Failure == TokenFailure.Missing
                ? Refuse(StatusCodes.Status401Unauthorized, RefusalReason.TokenMissing, TokenTitle, check.Reason)
                : Refuse(StatusCodes.Status401Unauthorized, RefusalReason.TokenInvalid, InvalidTokenTitle, check.Reason);
        }

        if (query.Name is not null && !string.Equals(query.Name, grant.Subject, StringComparison.Ordinal))
        {
            return Refuse(StatusCodes.Status403Forbidden, RefusalReason.NameMismatch, "Name not granted",
                "The name must be the connection token's subject (sub).");
        }

        return query.Channels.Where(c => !grant.Allows(c)).ToArray() is { Length: > 0 } refused
            ? ChannelsRefused(refused, "The connection token does not grant")
            : new UpgradeDecision(grant, null, false);
    }

    private UpgradeDecision Anonymous(ConnectQuery query)
    {
        if (!options.Value.AllowAnonymous)
        {
            return Refuse(StatusCodes.Status401Unauthorized, RefusalReason.TokenMissing, TokenTitle,
                "Send a connection token: an Authorization: Bearer header, or the subprotocol relay.token.<token> beside relay.v1.");
        }

        if (query.Name is not null)
        {
            return Refuse(StatusCodes.Status401Unauthorized, RefusalReason.TokenMissing, TokenTitle,
                "A name needs a connection token whose subject (sub) it is.");
        }

        return query.Channels.Where(RelayChannels.IsPrivate).ToArray() is { Length: > 0 } refused
            ? ChannelsRefused(refused, "A connection without a token may not follow the private channel(s)")
            : new UpgradeDecision(null, null, false);
    }

    private static UpgradeDecision ChannelsRefused(string[] channels, string why) =>
        Refuse(StatusCodes.Status403Forbidden, RefusalReason.ChannelForbidden, "Channel not granted", $"{why}: {string.Join(", ", channels)}.");

    private static UpgradeDecision Refuse(int status, RefusalReason reason, string title, string detail) =>
        new(null, new UpgradeRefusal(status, reason, title, detail), false);
}
