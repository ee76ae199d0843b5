using Relay.Hosting.Dashboard;

namespace Relay.Hosting.Orchestration;

/// <summary>Everything decided at Build.</summary>
/// <param name="Dashboard">Null when the dashboard is off.</param>
internal sealed record ApplicationPlan(IReadOnlyList<ResourcePlan> Resources, DashboardPlan? Dashboard);
