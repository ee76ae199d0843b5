namespace Relay.Dashboard.Api.Models;

/// <summary><see cref="Code"/> is unset, ok or error.</summary>
internal sealed record SpanStatusView(string Code, string? Message);
