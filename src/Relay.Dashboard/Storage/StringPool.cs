namespace Relay.Dashboard.Storage;

/// <summary>
/// Interns the few distinct attribute keys, scope names and span names that repeat in every batch, so
/// 10,000 stored traces share one copy of <c>http.request.method</c> instead of holding 50,000.
/// Bounded, so high-cardinality input (a span name with an id in it) cannot grow it forever.
/// Used only by the single ingestion worker, hence not thread-safe.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 20_000;
    private const int MaxLength = 128;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public string Intern(string value)
    {
        if (value.Length > MaxLength)
        {
            return value;
        }

        if (_strings.TryGetValue(value, out var existing))
        {
            return existing;
        }

        if (_strings.Count < MaxEntries)
        {
            _strings.Add(value);
        }

        return value;
    }
}
