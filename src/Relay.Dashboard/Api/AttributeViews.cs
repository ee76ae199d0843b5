namespace Relay.Dashboard.Api;

internal static class AttributeViews
{
    /// <summary>As a JSON object; a key sent twice keeps its last value, as OTLP says keys are unique.</summary>
    public static Dictionary<string, string> ToDictionary(KeyValuePair<string, string>[] attributes)
    {
        var result = new Dictionary<string, string>(attributes.Length, StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            result[key] = value;
        }

        return result;
    }
}
