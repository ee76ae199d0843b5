using System.Net.Http.Headers;
using Relay.Hosting;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Dashboard;

/// <summary>The whole app with its dashboard on (random ports), so the services export telemetry to it.</summary>
public sealed class DashboardApp(Xunit.Sdk.IMessageSink diagnostics) : RelayApp(diagnostics)
{
    protected override string[] Arguments => ["--Dashboard:Enabled=true"];

    public DashboardEndpoints Dashboard => App.Dashboard ?? throw new InvalidOperationException("The dashboard is off.");

    public HttpClient CreateDashboardClient()
    {
        var client = new HttpClient { BaseAddress = Dashboard.FrontendUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Dashboard.BrowserToken);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardAppCollection : ICollectionFixture<DashboardApp>
{
    public const string Name = "Relay app with dashboard";
}
