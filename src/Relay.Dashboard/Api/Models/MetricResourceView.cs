namespace Relay.Dashboard.Api.Models;

/// <summary>The instruments of one resource in <c>GET /api/metrics</c>.</summary>
internal sealed record MetricResourceView(string Service, string Instance, IReadOnlyList<InstrumentView> Instruments);
