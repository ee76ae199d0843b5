namespace Relay.Dashboard.Api.Models;

internal sealed record SpanEventView(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, string> Attributes);
