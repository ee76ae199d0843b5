using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Contracts;

namespace Relay.Api.Security;

/// <summary>Whether the caller's key or token covers a channel (<see cref="ChannelGrants"/>): the endpoints ask once they know the channel.</summary>
internal sealed class ChannelAccess(ILogger<ChannelAccess> logger)
{
    /// <summary>Null when the caller may use <paramref name="channel"/>, else the 403 to answer.</summary>
    public ProblemHttpResult? Refusal(HttpContext context, string channel)
    {
        var caller = context.User.Identity as CallerIdentity;
        if (caller?.Allows(channel) == true)
        {
            return null;
        }

        var who = caller?.Description ?? "caller";
        Log.ChannelRefused(logger, who, channel);
        var detail = $"The {who} does not cover channel '{channel}'.";
        if (RelayChannels.IsPrivate(channel))
        {
            detail += $" A private channel needs a grant that names it ('{channel}' or '{RelayChannels.PrivatePrefix}*'); '*' does not cover it.";
        }

        return TypedResults.Problem(title: "Not allowed on this channel", detail: detail, statusCode: StatusCodes.Status403Forbidden);
    }
}
