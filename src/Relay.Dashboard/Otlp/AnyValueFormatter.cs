using System.Globalization;
using OpenTelemetry.Proto.Common.V1;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// Attribute values are stored as display strings: one string per attribute is cheaper than a boxed
/// AnyValue tree, and every consumer (search, the pages) wants text.
/// </summary>
internal static class AnyValueFormatter
{
    public static string Format(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Format)) + "]",
        AnyValue.ValueOneofCase.KvlistValue =>
            "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => kv.Key + ": " + Format(kv.Value))) + "}",
        _ => string.Empty,
    };
}
