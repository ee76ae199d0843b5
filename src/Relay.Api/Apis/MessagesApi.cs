using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Messaging;
using Relay.Contracts;

namespace Relay.Api.Apis;

internal static class MessagesApi
{
    // How long a client should wait before retrying a publish that found Redis unreachable.
    private const string RetryAfterSeconds = "2";

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RelayRoutes.Messages).WithTags("Messages");

        api.MapPost("/", PublishAsync)
            .WithName("PublishMessage")
            .WithSummary("Publishes a message to every receiver following its channel.")
            .Accepts<PublishRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<Accepted<PublishResponse>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        HttpContext context,
        IMessagePublisher publisher,
        TimeProvider timeProvider)
    {
        var (request, problem) = await PublishRequestReader.ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = PublishRequestRules.Validate(request!.Channel, request.Sender, request.Text);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Milliseconds, so the envelope and the answer carry the very same instant.
        var now = timeProvider.GetUtcNow();
        var publishedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var id = Guid.CreateVersion7(publishedAt).ToString("N");
        var channel = request.Channel!;

        try
        {
            await publisher.PublishAsync(new MessageEnvelope(id, channel, request.Sender!, request.Text!, publishedAt));
        }
        catch (BrokerUnavailableException)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                title: "Redis is unreachable",
                detail: "The message was not published. Retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Accepted((string?)null, new PublishResponse(id, channel, publishedAt));
    }
}
