using System.Text;

namespace Relay.Hosting.Orchestration;

/// <summary>
/// The table printed once everything runs: the dashboard (its login URL), the resources for people, then the others.
/// </summary>
internal static class StatusTable
{
    private const string DashboardRow = "dashboard";

    private static readonly string[] s_headers = ["RESOURCE", "REPLICAS", "STATE", "URL"];

    public static string Render(ApplicationOrchestrator orchestrator, DashboardEndpoints? dashboard)
    {
        var rows = orchestrator.Resources
            .OrderBy(resource => resource.HasExternalEndpoints ? 0 : 1)
            .Select(resource =>
            {
                var snapshots = orchestrator.GetInstances(resource.Name).Select(instance => instance.Snapshot).ToList();
                var urls = string.Join(", ", snapshots.SelectMany(snapshot => snapshot.Endpoints).Select(url => url.GetLeftPart(UriPartial.Authority)));
                return new[] { resource.Name, snapshots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Describe(resource, snapshots), urls };
            })
            .ToList();
        if (dashboard is not null)
        {
            // Runs inside the AppHost: running as long as the table can be printed.
            rows.Insert(0, [DashboardRow, "1", "Running", dashboard.LoginUrl.ToString()]);
        }

        var widths = s_headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        var table = new StringBuilder();
        foreach (var row in rows.Prepend(s_headers))
        {
            table.Append("  ");
            for (var column = 0; column < row.Length; column++)
            {
                table.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column] + 2));
            }

            table.AppendLine();
        }

        return table.ToString();
    }

    private static string Describe(ResourcePlan resource, List<ResourceSnapshot> snapshots)
    {
        var running = snapshots.Count(snapshot => snapshot.State == ResourceState.Running);
        var healthy = snapshots.Count(snapshot => snapshot.Health == HealthState.Healthy);
        var state = resource.IsExternal ? "External" : running == snapshots.Count ? "Running" : $"Running {running}/{snapshots.Count}";
        return healthy == snapshots.Count ? $"{state}, healthy" : $"{state}, {healthy}/{snapshots.Count} healthy";
    }
}
