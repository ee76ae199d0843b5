using System.Text.Json;

namespace Relay.Tests.AspireDashboard;

/// <summary>A span as the Aspire dashboard's telemetry API returns it (OTLP JSON), with its resource's names.</summary>
public sealed record TelemetrySpan(
    string Service, string? Instance, string TraceId, string SpanId, string? ParentSpanId, string Name, string Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    private static readonly string[] s_kinds = ["unspecified", "internal", "server", "client", "producer", "consumer"];

    /// <summary>Every span in a <c>/api/telemetry/spans</c> answer.</summary>
    public static IReadOnlyList<TelemetrySpan> ReadAll(JsonElement answer)
    {
        List<TelemetrySpan> spans = [];
        if (!answer.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            return spans;
        }

        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var resource = ReadAttributes(resourceSpan.GetProperty("resource"));
            foreach (var scope in resourceSpan.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new TelemetrySpan(
                        resource.GetValueOrDefault("service.name", ""),
                        resource.GetValueOrDefault("service.instance.id"),
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } p ? p : null,
                        span.GetProperty("name").GetString()!,
                        KindOf(span),
                        ReadAttributes(span)));
                }
            }
        }

        return spans;
    }

    private static string KindOf(JsonElement span)
    {
        if (!span.TryGetProperty("kind", out var kind))
        {
            return "unspecified";
        }

        return kind.ValueKind == JsonValueKind.Number
            ? s_kinds[Math.Clamp(kind.GetInt32(), 0, s_kinds.Length - 1)]
            : kind.GetString()!.Replace("SPAN_KIND_", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    private static Dictionary<string, string> ReadAttributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value");
                attributes[attribute.GetProperty("key").GetString()!] = value.EnumerateObject().FirstOrDefault().Value.ToString();
            }
        }

        return attributes;
    }
}
