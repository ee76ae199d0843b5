namespace Relay.Dashboard.Api.Models;

/// <summary>An entry of <c>GET /api/services</c>: a service and one of its instances.</summary>
internal sealed record ServiceInstanceView(string Service, string Instance);
