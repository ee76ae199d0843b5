using System.Net.Http.Headers;
using Relay.Contracts;

namespace Relay.Sender.Clients;

/// <summary>Calls the Api's publish endpoint. The base address is resolved by service discovery.</summary>
internal sealed class ApiClient(HttpClient httpClient)
{
    /// <summary>The Api answers with a few hundred bytes; anything far larger is not an answer worth relaying.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    /// <summary>
    /// Posts <paramref name="body"/> to <c>POST /api/messages</c> with the browser's content type and
    /// <c>Idempotency-Key</c>, so the Api judges the request exactly as the browser sent it (415 for a body not
    /// declared as JSON, 400 for a malformed key).
    /// </summary>
    /// <exception cref="HttpRequestException">The Api could not be reached.</exception>
    public async Task<ApiResponse> PostMessageAsync(
        ReadOnlyMemory<byte> body, string? contentType, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            content.Headers.ContentType = mediaType;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, RelayRoutes.Messages) { Content = content };
        if (idempotencyKey is not null)
        {
            // Unvalidated: the Api owns the key's rules and answers 400 with its own ProblemDetails.
            request.Headers.TryAddWithoutValidation(HistoryLimits.IdempotencyKeyHeader, idempotencyKey);
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);

        return new ApiResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            responseBody,
            response.Headers.RetryAfter?.ToString(),
            response.Headers.TryGetValues(HistoryLimits.IdempotentReplayedHeader, out var replayed) ? string.Join(", ", replayed) : null);
    }
}
