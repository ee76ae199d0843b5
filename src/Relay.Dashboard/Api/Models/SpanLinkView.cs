namespace Relay.Dashboard.Api.Models;

internal sealed record SpanLinkView(string TraceId, string SpanId);
