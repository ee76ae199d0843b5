namespace Relay.Dashboard.Hosting;

/// <summary>The three Kestrel endpoints of the dashboard; every route belongs to exactly one.</summary>
internal enum DashboardListener
{
    Frontend,
    OtlpGrpc,
    OtlpHttp,
}
