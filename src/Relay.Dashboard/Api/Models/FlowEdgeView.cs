namespace Relay.Dashboard.Api.Models;

/// <summary>An edge of the flow with its rate in messages per second.</summary>
internal sealed record FlowEdgeView(string From, string To, double Rate);
