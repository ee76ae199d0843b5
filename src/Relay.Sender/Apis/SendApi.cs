using Microsoft.AspNetCore.Http.HttpResults;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Relay.Contracts;
using Relay.Sender.Clients;

namespace Relay.Sender.Apis;

internal static class SendApi
{
    // The Api is the one that enforces its body limit (413); the margin leaves that answer to it
    // while the Sender still never buffers an unbounded body.
    private const int MaxBodyBytes = MessageLimits.MaxRequestBodyBytes + 4 * 1024;

    public static IEndpointRouteBuilder MapSendApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(RelayRoutes.SenderSend, SendAsync);
        return app;
    }

    /// <summary>
    /// Forwards the browser's body and <c>Idempotency-Key</c> to the Api, with the Sender's API key, and relays the
    /// Api's answer unchanged (with <c>Retry-After</c> and <c>Idempotent-Replayed</c>), so a page that retries with its
    /// key publishes once; a 401, 403 or 429 reaches the page like any other answer.
    /// </summary>
    public static async Task<Results<RelayedApiResult, ProblemHttpResult>> SendAsync(
        HttpRequest request,
        ApiClient api,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(SendApi));

        var body = await RequestBody.ReadBoundedAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            Log.BodyTooLarge(logger, MaxBodyBytes);
            return TypedResults.Problem(
                title: "Request body too large",
                detail: $"The body must be at most {MessageLimits.MaxRequestBodyBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!TryGetIdempotencyKey(request, out var idempotencyKey))
        {
            Log.IdempotencyKeyRefused(logger);
            return TypedResults.Problem(
                title: "Invalid Idempotency-Key",
                detail: $"Give at most one {HistoryLimits.IdempotencyKeyHeader} header, in visible ASCII characters.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var response = await api.PostMessageAsync(body, request.ContentType, idempotencyKey, cancellationToken);
            if (response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            {
                // The page sees the Api's answer as it is; whoever runs the Sender needs to know its key is wrong.
                Log.ApiRefusedKey(logger, response.StatusCode);
            }

            return new RelayedApiResult(response);
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokenCircuitException)
        {
            Log.ApiUnreachable(logger, ex);
            return TypedResults.Problem(
                title: "The Api is unreachable",
                detail: "The message was not sent. Try again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The Api may have published before the timeout hit: say so rather than "not sent".
            Log.ApiTimedOut(logger, ex);
            return TypedResults.Problem(
                title: "The Api did not answer in time",
                detail: "The message may or may not have been published.",
                statusCode: StatusCodes.Status504GatewayTimeout);
        }
    }

    /// <summary>
    /// The key to forward, or none. The Api owns the key's rules; this only refuses what could not be forwarded as
    /// one header (several values, or characters outside ASCII, which the HTTP client would fail on as if the Api
    /// were unreachable, a 503 the page would retry in vain).
    /// </summary>
    private static bool TryGetIdempotencyKey(HttpRequest request, out string? key)
    {
        key = null;
        var values = request.Headers[HistoryLimits.IdempotencyKeyHeader];
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1 || values[0] is not { } value || value.Any(c => c is < ' ' or > '~'))
        {
            return false;
        }

        key = value;
        return true;
    }
}
