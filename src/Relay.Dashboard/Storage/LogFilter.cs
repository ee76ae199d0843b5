namespace Relay.Dashboard.Storage;

/// <summary>Filters of the log list: null or empty means no filter; <see cref="MinSeverity"/> 0 keeps every level.</summary>
internal sealed record LogFilter(string? Service, int MinSeverity, string? Text, string? TraceId)
{
    public bool Matches(StoredLog log) =>
        log.SeverityNumber >= MinSeverity
        && (string.IsNullOrEmpty(TraceId) || string.Equals(log.TraceId, TraceId, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Text) || MatchesText(log));

    private bool MatchesText(StoredLog log) =>
        log.Body.Contains(Text!, StringComparison.OrdinalIgnoreCase)
        || log.Category.Contains(Text!, StringComparison.OrdinalIgnoreCase)
        || log.Attributes.Any(a => a.Value.Contains(Text!, StringComparison.OrdinalIgnoreCase));
}
