using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace Relay.Tests.Dashboard;

/// <summary>OTLP requests built from the dashboard's own generated messages, as an exporter sends them.</summary>
internal static class OtlpPayloads
{
    public static ExportTraceServiceRequest Trace(string service, string traceIdHex, string spanName, string instance = "i-0")
    {
        var start = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000UL;
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Convert.FromHexString(traceIdHex)),
            SpanId = ByteString.CopyFrom(Convert.FromHexString(traceIdHex[..16])),
            Name = spanName,
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + 5_000_000,
        };
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } });
        resource.Attributes.Add(new KeyValue { Key = "service.instance.id", Value = new AnyValue { StringValue = instance } });
        var scope = new ScopeSpans();
        scope.Spans.Add(span);
        var resourceSpans = new ResourceSpans { Resource = resource };
        resourceSpans.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    /// <summary>The same span as OTLP/JSON: ids in hex, times as strings, enums as numbers.</summary>
    public static string TraceJson(string service, string traceIdHex, string spanName)
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000L;
        return $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"{{{service}}}"}}]},
             "scopeSpans":[{"scope":{"name":"tests"},"spans":[{"traceId":"{{{traceIdHex}}}","spanId":"{{{traceIdHex[..16]}}}",
             "name":"{{{spanName}}}","kind":2,"startTimeUnixNano":"{{{start}}}","endTimeUnixNano":"{{{start + 5_000_000}}}"}]}]}]}
            """;
    }

    public static string NewTraceId() => Guid.NewGuid().ToString("N");

    /// <summary>A gRPC message on the wire: no compression flag, a 4-byte big-endian length, the message.</summary>
    public static byte[] GrpcFrame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }
}
