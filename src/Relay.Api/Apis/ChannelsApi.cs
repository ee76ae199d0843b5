using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Relay.Api.Messaging;
using Relay.Api.Security;
using Relay.Contracts;

namespace Relay.Api.Apis;

internal static class ChannelsApi
{
    private const int DefaultLimit = 100;

    // A history read found Redis unreachable: reading again is safe.
    private const string RetryAfterSeconds = "2";

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RelayRoutes.Channels)
            .WithTags("Channels")
            .RequireAuthorization(RelayAuth.ReadPolicy)
            .RequireRateLimiting(RelayAuth.RateLimitPolicy);

        api.MapGet("/{channel}/messages", GetMessagesAsync)
            .WithName("GetChannelMessages")
            .WithSummary("Lists a channel's kept messages, oldest first: the latest ones, or those after an offset. Needs an API key or connection token covering the channel.")
            .WithDescription(
                $"Without since: the latest limit messages (default {DefaultLimit}, at most {HistoryLimits.MaxPage}). " +
                "With since: the first limit messages with an offset above it, and recovered: false when messages after " +
                "it are no longer kept or it belongs to another epoch (give epoch to check it).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(DescribeQuery);

        return app;
    }

    public static async Task<Results<Ok<ChannelHistoryResponse>, ValidationProblem, ProblemHttpResult>> GetMessagesAsync(
        string channel,
        string? since,
        string? limit,
        string? epoch,
        IChannelHistory history,
        ChannelAccess access,
        HttpContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ChannelName.IsValid(channel))
        {
            errors["channel"] = [$"The channel must match {ChannelName.Pattern}."];
        }

        var sinceOffset = ParseSince(since, errors);
        var count = ParseLimit(limit, errors);
        if (epoch is not null && (epoch.Length == 0 || since is null))
        {
            errors["epoch"] = [epoch.Length == 0 ? "The epoch must not be empty." : "The epoch is only meaningful with since."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (access.Refusal(context, channel) is { } refusal)
        {
            return refusal;
        }

        ChannelHistoryPage page;
        try
        {
            page = await history.ReadAsync(channel, sinceOffset, count, context.RequestAborted);
        }
        catch (HistoryUnavailableException)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                title: "Redis is unreachable",
                detail: "The history could not be read. Retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var messages = new HistoryMessage[page.Messages.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = HistoryMessage.From(page.Messages[i]);
        }

        bool? recovered = sinceOffset is { } position ? page.CanRecover(position, epoch) : null;
        return TypedResults.Ok(new ChannelHistoryResponse(channel, page.Epoch, page.LastOffset, messages, recovered));
    }

    // The query is bound as text so that a bad value gets a ProblemDetails naming it; the document says what it takes.
    private static Task DescribeQuery(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { Name: "since" or "limit" } query)
            {
                var isSince = query.Name == "since";
                query.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = isSince ? "int64" : "int32",
                    Minimum = isSince ? "0" : "1",
                    Maximum = isSince ? null : HistoryLimits.MaxPage.ToString(CultureInfo.InvariantCulture),
                    Default = isSince ? null : DefaultLimit,
                };
            }
        }

        return Task.CompletedTask;
    }

    private static long? ParseSince(string? since, Dictionary<string, string[]> errors)
    {
        if (since is null)
        {
            return null;
        }

        if (long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return offset;
        }

        errors["since"] = ["The since must be an offset: an integer of at least 0."];
        return null;
    }

    private static int ParseLimit(string? limit, Dictionary<string, string[]> errors)
    {
        if (limit is null)
        {
            return DefaultLimit;
        }

        if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= HistoryLimits.MaxPage)
        {
            return count;
        }

        errors["limit"] = [$"The limit must be an integer from 1 to {HistoryLimits.MaxPage}."];
        return 0;
    }
}
