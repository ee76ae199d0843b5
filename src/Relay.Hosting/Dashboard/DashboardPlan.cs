using Relay.Dashboard;

namespace Relay.Hosting.Dashboard;

/// <summary>The dashboard as decided at Build: concrete ports and secrets, so a restart of the app keeps them.</summary>
internal sealed record DashboardPlan(DashboardOptions Options, DashboardEndpoints Endpoints);
