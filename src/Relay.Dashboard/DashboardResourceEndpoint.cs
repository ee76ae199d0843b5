namespace Relay.Dashboard;

/// <summary>A named endpoint of a resource, e.g. (<c>http</c>, <c>http://127.0.0.1:5300</c>).</summary>
public sealed record DashboardResourceEndpoint(string Name, string Url);
