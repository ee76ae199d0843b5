namespace Relay.Dashboard.Hosting;

/// <summary>Endpoint metadata naming the listener a route is served on; see <see cref="DashboardListenerMatcherPolicy"/>.</summary>
internal sealed record DashboardListenerMetadata(DashboardListener Listener);
