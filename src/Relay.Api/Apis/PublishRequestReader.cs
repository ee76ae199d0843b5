using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>
/// Reads the publish body by hand rather than by parameter binding, so that every way a body can be wrong
/// (not JSON, too large, malformed, not an object) answers the ProblemDetails docs/protocol.md promises.
/// </summary>
internal static class PublishRequestReader
{
    private const string ExpectedShape =
        """Expected a JSON object {"channel":"…","sender":"…","text":"…"} or {"channel":"…","sender":"…","data":"<base64>","contentType":"…"}.""";

    public static async ValueTask<(PublishRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType,
                "The body must be declared as JSON: Content-Type: application/json (or application/*+json)."));
        }

        if (request.ContentLength > MessageLimits.MaxRequestBodyBytes)
        {
            return (null, TooLarge());
        }

        // Kestrel then enforces the limit on chunked bodies too; the bounded read below is the portable guarantee.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MessageLimits.MaxRequestBodyBytes;
        }

        try
        {
            return await ReadBoundedAsync(request.BodyReader, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own verdicts on the body: 413 past the limit above, 400 for broken chunking, 408 for a stalled client.
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : Problem(ex.StatusCode, ex.Message));
        }
    }

    private static async ValueTask<(PublishRequest?, ProblemHttpResult?)> ReadBoundedAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > MessageLimits.MaxRequestBodyBytes)
            {
                reader.AdvanceTo(buffer.Start);
                return (null, TooLarge());
            }

            if (result.IsCompleted)
            {
                var parsed = Parse(buffer);
                reader.AdvanceTo(buffer.End);
                return parsed;
            }

            // Nothing consumed, everything examined: wake up only when more bytes arrive.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static (PublishRequest?, ProblemHttpResult?) Parse(ReadOnlySequence<byte> body)
    {
        var json = new Utf8JsonReader(body);
        try
        {
            var request = JsonSerializer.Deserialize(ref json, ApiJsonContext.Default.PublishRequest);

            // Deserialize(ref reader) stops after one value; reading on rejects trailing content.
            if (json.Read())
            {
                return (null, Problem(StatusCodes.Status400BadRequest, $"The body holds more than one JSON value. {ExpectedShape}"));
            }

            return request is null
                ? (null, Problem(StatusCodes.Status400BadRequest, $"The body is JSON null. {ExpectedShape}"))
                : (request, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, Describe(ex)));
        }
    }

    private static string Describe(JsonException ex)
    {
        var at = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";

        // The serializer's own messages name .NET types; say it in the terms of the contract instead.
        if (ex.InnerException is null or InvalidOperationException && ex.Path is { } path)
        {
            if (path == "$")
            {
                return $"The body is not a JSON object{at}. {ExpectedShape}";
            }

            if (path.StartsWith("$.", StringComparison.Ordinal))
            {
                return $"The field '{path[2..]}' must be a JSON string{at}. {ExpectedShape}";
            }
        }

        return $"The body is not valid JSON{at}: {WithoutPosition(ex.InnerException?.Message ?? ex.Message)}";
    }

    // The reader's messages end with their own zero-based position, already given above one-based.
    private static string WithoutPosition(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (end < 0)
        {
            end = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return end < 0 ? message : message[..end];
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, $"The body must be at most {MessageLimits.MaxRequestBodyBytes} bytes.");

    private static ProblemHttpResult Problem(int statusCode, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode);
}
