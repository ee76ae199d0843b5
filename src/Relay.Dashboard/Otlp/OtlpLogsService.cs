using Grpc.Core;
using OpenTelemetry.Proto.Collector.Logs.V1;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// OTLP/gRPC logs: queue the decoded request and answer at once (the API key is checked before).
/// Bound by hand through <see cref="OtlpGrpcMethods"/>, so a malformed body answers InvalidArgument.
/// Not sealed: Grpc.AspNetCore binds only virtual methods declared on the type its BindService names.
/// </summary>
[BindServiceMethod(typeof(OtlpLogsService), nameof(BindService))]
internal class OtlpLogsService(OtlpIngestQueue queue)
{
    private static readonly Method<ExportLogsServiceRequest, ExportLogsServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(LogsServiceReflection.Descriptor.Services[0], ExportLogsServiceRequest.Parser, ExportLogsServiceResponse.Parser);

    private static readonly ExportLogsServiceResponse Accepted = new();

    public virtual Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        queue.Enqueue(request);
        return Task.FromResult(Accepted);
    }

    // Grpc.AspNetCore calls this with a null service to discover the methods, then resolves the service per call.
    public static void BindService(ServiceBinderBase binder, OtlpLogsService? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);
}
