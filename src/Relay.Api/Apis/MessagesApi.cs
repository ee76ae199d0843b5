using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Relay.Api.Messaging;
using Relay.Api.Security;
using Relay.Contracts;

namespace Relay.Api.Apis;

internal static class MessagesApi
{
    // How long a client should wait before retrying a publish that found Redis unreachable.
    private const string RetryAfterSeconds = "2";

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RelayRoutes.Messages)
            .WithTags("Messages")
            .RequireAuthorization(RelayAuth.PublishPolicy)
            .RequireRateLimiting(RelayAuth.RateLimitPolicy);

        api.MapPost("/", PublishAsync)
            .WithName("PublishMessage")
            .WithSummary("Publishes a message to every receiver following its channel and appends it to the channel's history.")
            .WithDescription($"With an {HistoryLimits.IdempotencyKeyHeader} header, a repeat within {HistoryLimits.IdempotencyWindow.TotalMinutes:0} minutes publishes nothing and answers the first 202 again, with {HistoryLimits.IdempotentReplayedHeader}: true.")
            .Accepts<PublishRequest>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .AddOpenApiOperationTransformer(DescribeIdempotencyKey);

        return app;
    }

    public static async Task<Results<Accepted<PublishResponse>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        HttpContext context,
        IMessagePublisher publisher,
        ChannelAccess access,
        TimeProvider timeProvider)
    {
        var (request, problem) = await PublishRequestReader.ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = PublishRequestRules.Validate(request!.Channel, request.Sender, request.Text, request.Data, request.ContentType);
        var (idempotencyKey, keyError) = IdempotencyKeyHeader.Read(context.Request);
        if (errors.Count > 0 || keyError is not null)
        {
            return TypedResults.ValidationProblem(
                keyError is null ? errors : new Dictionary<string, string[]>(errors) { [HistoryLimits.IdempotencyKeyHeader] = [keyError] });
        }

        var channel = request.Channel!;
        if (access.Refusal(context, channel) is { } refusal)
        {
            return refusal;
        }

        // Milliseconds, so the envelope and the answer carry the very same instant.
        var now = timeProvider.GetUtcNow();
        var publishedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var id = Guid.CreateVersion7(publishedAt).ToString("N");
        var envelope = new MessageEnvelope(id, channel, request.Sender!, request.Text, publishedAt)
        {
            Data = request.Data,
            ContentType = request.ContentType,
        };

        PublishReceipt receipt;
        try
        {
            // The publish policy let only API keys through.
            var keyId = ((CallerIdentity)context.User.Identity!).Key!.Id;
            receipt = await publisher.PublishAsync(envelope, idempotencyKey is null ? null : new IdempotencyKey(envelope.Channel, keyId, idempotencyKey));
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
                detail: $"Message {id} may or may not have been published: Redis did not answer in time." +
                    (idempotencyKey is null ? "" : $" Retry with the same {HistoryLimits.IdempotencyKeyHeader} within {HistoryLimits.IdempotencyWindow.TotalMinutes:0} minutes: it is published at most once."),
                statusCode: StatusCodes.Status504GatewayTimeout);
        }

        if (receipt.Outcome == PublishOutcome.IdempotencyKeyReused)
        {
            return TypedResults.Problem(
                title: "Idempotency-Key reused for a different message",
                detail: $"The {HistoryLimits.IdempotencyKeyHeader} was used within the last {HistoryLimits.IdempotencyWindow.TotalMinutes:0} minutes " +
                    "for a message with another channel, sender, text, data or contentType. Nothing was published.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        if (receipt.Outcome == PublishOutcome.Replayed)
        {
            context.Response.Headers[HistoryLimits.IdempotentReplayedHeader] = "true";
        }

        var position = receipt.Position;
        return TypedResults.Accepted((string?)null, new PublishResponse(receipt.Id, channel, position.Offset, position.Epoch, receipt.PublishedAt));
    }

    // Read by hand (IdempotencyKeyHeader) so that a repeated header is refused, not joined; the document still shows it.
    private static Task DescribeIdempotencyKey(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = HistoryLimits.IdempotencyKeyHeader,
            In = ParameterLocation.Header,
            Description = $"Publishes the message once however often it is retried with the same API key within {HistoryLimits.IdempotencyWindow.TotalMinutes:0} minutes; visible ASCII (0x21–0x7E).",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = MessageLimits.MaxIdempotencyKeyLength,
                Pattern = "^[\\x21-\\x7E]+$",
            },
        });
        return Task.CompletedTask;
    }
}
