namespace Relay.Dashboard.Api.Models;

/// <summary>An entry of <c>GET /api/logs</c>; <see cref="Level"/> is trace/debug/information/warning/error/critical.</summary>
internal sealed record LogView(
    DateTimeOffset Timestamp,
    string Service,
    string Instance,
    string Level,
    int SeverityNumber,
    string? SeverityText,
    string Category,
    string Body,
    IReadOnlyDictionary<string, string> Attributes,
    string? TraceId,
    string? SpanId);
