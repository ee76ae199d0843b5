namespace Relay.Dashboard.Storage;

/// <summary>Filters of the trace list; null or empty means no filter.</summary>
internal sealed record TraceFilter(string? Service, string? Text, double? MinDurationMs)
{
    public bool Matches(StoredTrace trace)
    {
        if (MinDurationMs is { } min && trace.DurationMs < min)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(Service) && !trace.Resources.Any(r => r.Matches(Service)))
        {
            return false;
        }

        return string.IsNullOrEmpty(Text)
            || trace.TraceId.Contains(Text, StringComparison.OrdinalIgnoreCase)
            || trace.Spans.Any(MatchesText);
    }

    private bool MatchesText(StoredSpan span) =>
        span.Name.Contains(Text!, StringComparison.OrdinalIgnoreCase)
        || (span.StatusMessage?.Contains(Text!, StringComparison.OrdinalIgnoreCase) ?? false)
        || span.Attributes.Any(a => a.Value.Contains(Text!, StringComparison.OrdinalIgnoreCase));
}
