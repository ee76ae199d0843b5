using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Relay.Dashboard.Hosting;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP: <c>POST /v1/traces|logs|metrics</c> in <c>application/x-protobuf</c> or <c>application/json</c>,
/// optionally gzipped. The API key is checked by <see cref="Auth.OtlpApiKeyMiddleware"/> before the body is read.
/// </summary>
internal static class OtlpHttpApi
{
    public static RouteGroupBuilder MapOtlpHttpApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DashboardRoutes.OtlpPrefix)
            .WithMetadata(new DashboardListenerMetadata(DashboardListener.OtlpHttp));
        group.MapPost(DashboardRoutes.OtlpTraces, ExportTracesAsync);
        group.MapPost(DashboardRoutes.OtlpLogs, ExportLogsAsync);
        group.MapPost(DashboardRoutes.OtlpMetrics, ExportMetricsAsync);
        return group;
    }

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportTracesAsync(
        HttpContext context, OtlpIngestQueue queue, ILoggerFactory loggers) =>
        ExportAsync(context, ExportTraceServiceRequest.Parser, new ExportTraceServiceResponse(), queue, loggers);

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportLogsAsync(
        HttpContext context, OtlpIngestQueue queue, ILoggerFactory loggers) =>
        ExportAsync(context, ExportLogsServiceRequest.Parser, new ExportLogsServiceResponse(), queue, loggers);

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportMetricsAsync(
        HttpContext context, OtlpIngestQueue queue, ILoggerFactory loggers) =>
        ExportAsync(context, ExportMetricsServiceRequest.Parser, new ExportMetricsServiceResponse(), queue, loggers);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync<TRequest>(
        HttpContext context, MessageParser<TRequest> parser, IMessage response, OtlpIngestQueue queue, ILoggerFactory loggers)
        where TRequest : IMessage<TRequest>, new()
    {
        var format = OtlpPayloadFormats.From(context.Request.ContentType);
        if (format == OtlpPayloadFormat.Unsupported)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType,
                $"Send {OtlpPayloadFormats.ProtobufContentType} or {OtlpPayloadFormats.JsonContentType}.");
        }

        // Kestrel's own limit would also apply, but compressed bodies are bounded after decompression below.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = OtlpHttpBody.MaxBytes;
        }

        var (status, body) = await OtlpHttpBody.ReadAsync(context.Request, context.RequestAborted);
        switch (status)
        {
            case OtlpBodyStatus.TooLarge:
                return Problem(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {OtlpHttpBody.MaxBytes} bytes.");
            case OtlpBodyStatus.UnsupportedEncoding:
                return Problem(StatusCodes.Status415UnsupportedMediaType, "Content-Encoding must be gzip or identity.");
            case OtlpBodyStatus.CorruptCompression:
                return Problem(StatusCodes.Status400BadRequest, "The body is not valid gzip.");
        }

        TRequest request;
        try
        {
            request = format == OtlpPayloadFormat.Json ? OtlpJson.Parse<TRequest>(body.Span) : parser.ParseFrom(body.Span);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or JsonException or FormatException)
        {
            Log.InvalidBody(loggers.CreateLogger(typeof(OtlpHttpApi)), context.Request.Path, ex.Message);
            return Problem(StatusCodes.Status400BadRequest, "The body is not a valid OTLP export request: " + ex.Message);
        }

        queue.Enqueue(request);
        return format == OtlpPayloadFormat.Json
            ? TypedResults.File(Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(response)), OtlpPayloadFormats.JsonContentType)
            : TypedResults.File(response.ToByteArray(), OtlpPayloadFormats.ProtobufContentType);
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
