namespace Relay.Dashboard.Api.Models;

/// <summary>A span; <see cref="ParentSpanId"/> is null for a root, <see cref="Kind"/> one of server/client/producer/consumer/internal.</summary>
internal sealed record SpanView(
    string SpanId,
    string? ParentSpanId,
    string Service,
    string Instance,
    string Scope,
    string Name,
    string Kind,
    DateTimeOffset StartTime,
    double DurationMs,
    SpanStatusView Status,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanEventView> Events,
    IReadOnlyList<SpanLinkView> Links);
