using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class LogViews
{
    public static LogView Create(StoredLog log) => new(
        UnixNanos.ToDateTimeOffset(log.TimeUnixNano),
        log.Resource.Service,
        log.Resource.Instance,
        LogLevels.Name(log.SeverityNumber, log.SeverityText),
        log.SeverityNumber,
        log.SeverityText,
        log.Category,
        log.Body,
        AttributeViews.ToDictionary(log.Attributes),
        log.TraceId,
        log.SpanId);
}
