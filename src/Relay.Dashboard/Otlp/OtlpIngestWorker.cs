using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// The single writer between the ingestion queue and the stores: converting off the request path keeps
/// exports fast, and one writer needs no coordination for the string pool and the bounds cache.
/// </summary>
internal sealed class OtlpIngestWorker(
    OtlpIngestQueue queue,
    TraceStore traces,
    LogStore logs,
    MetricStore metrics,
    TelemetryCounters counters,
    ILogger<OtlpIngestWorker> logger) : BackgroundService
{
    private readonly StringPool _pool = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var metricMapper = new MetricMapper(_pool);
        try
        {
            await foreach (var batch in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    Store(batch, metricMapper);
                }
                catch (Exception ex)
                {
                    // One bad batch must not stop ingestion for the rest of the run.
                    Log.IngestFailed(logger, batch.Descriptor.Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Store(IMessage batch, MetricMapper metricMapper)
    {
        switch (batch)
        {
            case ExportTraceServiceRequest request:
                traces.Add(SpanMapper.Map(request, _pool, out var rejectedSpans));
                counters.SpansDropped(rejectedSpans);
                break;
            case ExportLogsServiceRequest request:
                logs.Add(LogMapper.Map(request, _pool));
                break;
            case ExportMetricsServiceRequest request:
                metrics.Add(metricMapper.Map(request, out var rejectedPoints));
                counters.MetricPointsDropped(rejectedPoints);
                break;
        }
    }
}
