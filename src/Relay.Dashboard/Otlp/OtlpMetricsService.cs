using Grpc.Core;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// OTLP/gRPC metrics: queue the decoded request and answer at once (the API key is checked before).
/// Bound by hand through <see cref="OtlpGrpcMethods"/>, so a malformed body answers InvalidArgument.
/// Not sealed: Grpc.AspNetCore binds only virtual methods declared on the type its BindService names.
/// </summary>
[BindServiceMethod(typeof(OtlpMetricsService), nameof(BindService))]
internal class OtlpMetricsService(OtlpIngestQueue queue)
{
    private static readonly Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(MetricsServiceReflection.Descriptor.Services[0], ExportMetricsServiceRequest.Parser, ExportMetricsServiceResponse.Parser);

    private static readonly ExportMetricsServiceResponse Accepted = new();

    public virtual Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        queue.Enqueue(request);
        return Task.FromResult(Accepted);
    }

    // Grpc.AspNetCore calls this with a null service to discover the methods, then resolves the service per call.
    public static void BindService(ServiceBinderBase binder, OtlpMetricsService? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);
}
