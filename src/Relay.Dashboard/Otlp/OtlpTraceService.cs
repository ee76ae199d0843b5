using Grpc.Core;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// OTLP/gRPC traces: queue the decoded request and answer at once (the API key is checked before).
/// Bound by hand through <see cref="OtlpGrpcMethods"/>, so a malformed body answers InvalidArgument.
/// Not sealed: Grpc.AspNetCore binds only virtual methods declared on the type its BindService names.
/// </summary>
[BindServiceMethod(typeof(OtlpTraceService), nameof(BindService))]
internal class OtlpTraceService(OtlpIngestQueue queue)
{
    private static readonly Method<ExportTraceServiceRequest, ExportTraceServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(TraceServiceReflection.Descriptor.Services[0], ExportTraceServiceRequest.Parser, ExportTraceServiceResponse.Parser);

    private static readonly ExportTraceServiceResponse Accepted = new();

    public virtual Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        queue.Enqueue(request);
        return Task.FromResult(Accepted);
    }

    // Grpc.AspNetCore calls this with a null service to discover the methods, then resolves the service per call.
    public static void BindService(ServiceBinderBase binder, OtlpTraceService? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);
}
