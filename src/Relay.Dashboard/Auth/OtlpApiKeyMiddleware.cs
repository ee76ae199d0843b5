using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Relay.Dashboard.Hosting;

namespace Relay.Dashboard.Auth;

/// <summary>
/// Requests on the OTLP ports need <c>x-otlp-api-key</c>. Checked before routing and body decoding, so an
/// unauthenticated exporter costs no parsing, and the same check serves gRPC (status Unauthenticated, sent
/// as a trailers-only response) and HTTP (401).
/// </summary>
internal sealed class OtlpApiKeyMiddleware(
    RequestDelegate next,
    DashboardListeners listeners,
    DashboardSecrets secrets,
    ILogger<OtlpApiKeyMiddleware> logger)
{
    public const string HeaderName = DashboardOptions.OtlpApiKeyHeader;
    private const string GrpcUnauthenticated = "16";

    public Task InvokeAsync(HttpContext context)
    {
        var grpc = listeners.IsOn(context, DashboardListener.OtlpGrpc);
        if ((!grpc && !listeners.IsOn(context, DashboardListener.OtlpHttp))
            || secrets.IsOtlpApiKey(context.Request.Headers[HeaderName].ToString()))
        {
            return next(context);
        }

        Log.OtlpRequestRejected(logger, context.Request.Path);
        if (grpc)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = GrpcUnauthenticated;
            context.Response.Headers["grpc-message"] = $"Missing or invalid {HeaderName} header.";
            return Task.CompletedTask;
        }

        return UnauthorizedResponses.ForOtlp().ExecuteAsync(context);
    }
}
