using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Security;
using Relay.Contracts;
using Relay.Api.Messaging;
using StackExchange.Redis;

namespace Relay.Api.Apis;

internal static class PresenceApi
{
    // A presence read found Redis unreachable: reading again is safe.
    private const string RetryAfterSeconds = "2";

    public static IEndpointRouteBuilder MapPresenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RelayRoutes.Channels)
            .WithTags("Channels")
            .RequireAuthorization(RelayAuth.ReadPolicy)
            .RequireRateLimiting(RelayAuth.RateLimitPolicy);

        api.MapGet("/{channel}/presence", GetPresenceAsync)
            .WithName("GetChannelPresence")
            .WithSummary("Lists the named connections following a channel on every live WsBackend replica. Needs an API key or connection token covering the channel.")
            .WithDescription(
                "Members are sorted by name, then client id. A replica that stopped heartbeating for " +
                $"{PresenceLimits.ReplicaExpiry.TotalSeconds:0} s is taken for dead and its members are not listed.")
            .Produces<PresenceResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<Ok<PresenceResponse>, ValidationProblem, ProblemHttpResult>> GetPresenceAsync(
        string channel,
        IConnectionMultiplexer redis,
        ChannelAccess access,
        HttpContext context)
    {
        if (!ChannelName.IsValid(channel))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["channel"] = [$"The channel must match {ChannelName.Pattern}."],
            });
        }

        if (access.Refusal(context, channel) is { } refusal)
        {
            return refusal;
        }

        List<PresenceMemberView> members;
        try
        {
            members = await PresenceQuery.ReadAsync(redis.GetDatabase(), channel).WaitAsync(context.RequestAborted);
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                title: "Redis is unreachable",
                detail: "The presence could not be read. Retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(new PresenceResponse(channel, members.Count, members));
    }
}
