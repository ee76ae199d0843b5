using Relay.Contracts;
using Relay.Sender.Clients;

namespace Relay.Sender.Apis;

/// <summary>
/// Writes the Api's answer back as it came: status code, content type, <c>Retry-After</c>, <c>Idempotent-Replayed</c>
/// and body.
/// </summary>
internal sealed class RelayedApiResult(ApiResponse response) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => response.StatusCode;

    public string? ContentType => response.ContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = response.StatusCode;
        if (response.ContentType is not null)
        {
            httpContext.Response.ContentType = response.ContentType;
        }

        if (response.RetryAfter is not null)
        {
            httpContext.Response.Headers.RetryAfter = response.RetryAfter;
        }

        if (response.IdempotentReplayed is not null)
        {
            httpContext.Response.Headers[HistoryLimits.IdempotentReplayedHeader] = response.IdempotentReplayed;
        }

        httpContext.Response.ContentLength = response.Body.Length;
        await httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
