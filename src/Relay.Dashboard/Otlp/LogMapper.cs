using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Otlp;

internal static class LogMapper
{
    public static List<StoredLog> Map(ExportLogsServiceRequest request, StringPool pool)
    {
        var logs = new List<StoredLog>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = ResourceMapper.Map(resourceLogs.Resource, pool);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                // The .NET exporter sends the logger category as the scope name.
                var category = pool.Intern(scopeLogs.Scope?.Name ?? string.Empty);
                foreach (var record in scopeLogs.LogRecords)
                {
                    logs.Add(Map(record, resource, category, pool));
                }
            }
        }

        return logs;
    }

    private static StoredLog Map(LogRecord record, ResourceKey resource, string category, StringPool pool) => new(
        resource,
        category,
        Timestamp(record),
        (int)record.SeverityNumber,
        string.IsNullOrEmpty(record.SeverityText) ? null : pool.Intern(record.SeverityText),
        AnyValueFormatter.Format(record.Body),
        AttributeMapper.Map(record.Attributes, pool),
        OtlpIds.ToHexOrNull(record.TraceId),
        OtlpIds.ToHexOrNull(record.SpanId));

    // time_unix_nano is optional in OTLP; the collector's observed time stands in, then the arrival time.
    private static long Timestamp(LogRecord record)
    {
        if (record.TimeUnixNano != 0)
        {
            return (long)record.TimeUnixNano;
        }

        return record.ObservedTimeUnixNano != 0
            ? (long)record.ObservedTimeUnixNano
            : (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
    }
}
