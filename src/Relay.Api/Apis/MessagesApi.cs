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
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

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
        catch (BrokerUnavailableException ex) when (!ex.MayHaveBeenPublished)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                title: "Redis is unreachable",
                detail: "The message was not published. Retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (BrokerUnavailableException)
        {
            // Retrying could deliver the message twice: say so rather than claim it was not published.
            return TypedResults.Problem(
                title: "Redis did not confirm the publish",
                detail: $"Message {id} may or may not have been published: Redis did not answer in time.",
                statusCode: StatusCodes.Status504GatewayTimeout);
        }

        return TypedResults.Accepted((string?)null, new PublishResponse(id, channel, publishedAt));
    }
}
