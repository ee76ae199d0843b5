namespace Relay.Dashboard.Storage;

/// <summary>A decoded span on its way into <see cref="TraceStore"/>, which files it under its trace.</summary>
internal readonly record struct IncomingSpan(string TraceId, StoredSpan Span);
