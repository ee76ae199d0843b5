namespace Relay.Contracts.Flow;

/// <summary>An edge of the flow with its rate in messages per second.</summary>
public sealed record FlowEdgeView(string From, string To, double Rate);
