using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Otlp;

internal static class SpanMapper
{
    /// <summary>Decodes the spans of a request; spans without a valid trace or span id are counted in <paramref name="rejected"/>.</summary>
    public static List<IncomingSpan> Map(ExportTraceServiceRequest request, StringPool pool, out int rejected)
    {
        var spans = new List<IncomingSpan>();
        rejected = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = ResourceMapper.Map(resourceSpans.Resource, pool);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = pool.Intern(scopeSpans.Scope?.Name ?? string.Empty);
                foreach (var span in scopeSpans.Spans)
                {
                    if (span.TraceId.Length != OtlpIds.TraceIdLength || span.SpanId.Length != OtlpIds.SpanIdLength)
                    {
                        rejected++;
                        continue;
                    }

                    spans.Add(new IncomingSpan(OtlpIds.ToHex(span.TraceId), Map(span, resource, scope, pool)));
                }
            }
        }

        return spans;
    }

    private static StoredSpan Map(Span span, ResourceKey resource, string scope, StringPool pool) => new(
        resource,
        scope,
        OtlpIds.ToHex(span.SpanId),
        OtlpIds.ToHex(span.ParentSpanId),
        pool.Intern(span.Name),
        Kind(span.Kind),
        (long)span.StartTimeUnixNano,
        (long)span.EndTimeUnixNano,
        StatusCode(span.Status),
        string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
        AttributeMapper.Map(span.Attributes, pool),
        span.Events.Count == 0 ? [] : span.Events.Select(e => Map(e, pool)).ToArray(),
        span.Links.Count == 0 ? [] : span.Links.Select(l => new StoredSpanLink(OtlpIds.ToHex(l.TraceId), OtlpIds.ToHex(l.SpanId))).ToArray());

    private static StoredSpanEvent Map(Span.Types.Event e, StringPool pool) =>
        new(pool.Intern(e.Name), (long)e.TimeUnixNano, AttributeMapper.Map(e.Attributes, pool));

    // Unspecified is shown as internal, the kind the OpenTelemetry APIs default to.
    private static string Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => SpanKinds.Server,
        Span.Types.SpanKind.Client => SpanKinds.Client,
        Span.Types.SpanKind.Producer => SpanKinds.Producer,
        Span.Types.SpanKind.Consumer => SpanKinds.Consumer,
        _ => SpanKinds.Internal,
    };

    private static string StatusCode(Status? status) => status?.Code switch
    {
        Status.Types.StatusCode.Ok => SpanKinds.StatusOk,
        Status.Types.StatusCode.Error => SpanKinds.StatusError,
        _ => SpanKinds.StatusUnset,
    };
}
