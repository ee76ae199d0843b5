namespace Relay.Dashboard.Api.Models;

/// <summary>The data of a <c>GET /api/stream</c> event: which of traces/logs/metrics/resources/console changed.</summary>
internal sealed record ChangeEvent(IReadOnlyList<string> Kinds);
