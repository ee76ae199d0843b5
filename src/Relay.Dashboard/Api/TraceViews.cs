using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

/// <summary>Projections of stored traces, run under the store's lock: they copy everything they return.</summary>
internal static class TraceViews
{
    public static TraceSummary Summary(StoredTrace trace)
    {
        var root = trace.Root();
        return new TraceSummary(
            trace.TraceId,
            root.Name,
            root.Resource.Service,
            trace.Resources.Select(r => r.Service).Distinct().ToList(),
            trace.Spans.Count,
            trace.DurationMs,
            trace.HasError,
            UnixNanos.ToDateTimeOffset(trace.StartUnixNano));
    }

    public static TraceDetail Detail(StoredTrace trace) => new(
        trace.TraceId,
        UnixNanos.ToDateTimeOffset(trace.StartUnixNano),
        trace.DurationMs,
        trace.Spans.OrderBy(s => s.StartUnixNano).Select(Span).ToList());

    private static SpanView Span(StoredSpan span) => new(
        span.SpanId,
        span.ParentSpanId.Length == 0 ? null : span.ParentSpanId,
        span.Resource.Service,
        span.Resource.Instance,
        span.Scope,
        span.Name,
        span.Kind,
        UnixNanos.ToDateTimeOffset(span.StartUnixNano),
        Math.Max(0, UnixNanos.ToMilliseconds(span.EndUnixNano - span.StartUnixNano)),
        new SpanStatusView(span.StatusCode, span.StatusMessage),
        AttributeViews.ToDictionary(span.Attributes),
        span.Events.Select(e => new SpanEventView(e.Name, UnixNanos.ToDateTimeOffset(e.TimeUnixNano), AttributeViews.ToDictionary(e.Attributes))).ToList(),
        span.Links.Select(l => new SpanLinkView(l.TraceId, l.SpanId)).ToList());
}
