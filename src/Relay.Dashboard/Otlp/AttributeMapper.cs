using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Otlp;

internal static class AttributeMapper
{
    public static KeyValuePair<string, string>[] Map(RepeatedField<KeyValue> attributes, StringPool pool)
    {
        if (attributes.Count == 0)
        {
            return [];
        }

        var result = new KeyValuePair<string, string>[attributes.Count];
        for (var i = 0; i < attributes.Count; i++)
        {
            result[i] = new(pool.Intern(attributes[i].Key), AnyValueFormatter.Format(attributes[i].Value));
        }

        return result;
    }
}
