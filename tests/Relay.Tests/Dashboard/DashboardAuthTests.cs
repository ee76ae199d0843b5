using System.Net;

namespace Relay.Tests.Dashboard;

public sealed class DashboardAuthTests(StandaloneDashboard dashboard) : IClassFixture<StandaloneDashboard>
{
    public static TheoryData<string> EveryPageAndApi =>
    [
        "/", "/resources", "/console", "/logs", "/traces", "/traces/0123456789abcdef0123456789abcdef", "/metrics", "/flow",
        "/api/resources", "/api/traces", "/api/traces/0123456789abcdef0123456789abcdef", "/api/logs", "/api/metrics",
        "/api/console", "/api/flow", "/api/stream",
    ];

    [Theory]
    [MemberData(nameof(EveryPageAndApi))]
    public async Task WithoutTheToken_IsRefused(string path)
    {
        using var client = dashboard.CreateApiClient(authenticated: false);

        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ResourceActions_WithoutTheToken_AreRefused()
    {
        using var client = dashboard.CreateApiClient(authenticated: false);

        using var response = await client.PostAsync("/api/resources/api/restart", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WithAWrongToken_IsRefused()
    {
        using var client = dashboard.CreateApiClient(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");

        using var response = await client.GetAsync("/api/resources", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task LoginUrl_SetsACookie_ThatOpensThePagesAndTheApi()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = dashboard.Host.FrontendUrl };

        using var login = await client.GetAsync(dashboard.Host.LoginUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var api = await client.GetAsync("/api/resources", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var resources = await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("hunter2", resources);
        using var page = await client.GetAsync("/traces", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("self", HttpStatusCode.Accepted)]
    public async Task ActionsWithTheCookie_NeedTheDashboardsOwnOrigin(string? origin, HttpStatusCode expected)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = dashboard.Host.FrontendUrl };
        using (await client.GetAsync(dashboard.Host.LoginUrl, TestContext.Current.CancellationToken))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/resources/api/restart");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin == "self" ? dashboard.Host.FrontendUrl.GetLeftPart(UriPartial.Authority) : origin);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task OtlpPortsServeNoPages()
    {
        using var client = new HttpClient { BaseAddress = dashboard.Host.OtlpHttpEndpoint };
        client.DefaultRequestHeaders.Authorization = new("Bearer", dashboard.BrowserToken);
        client.DefaultRequestHeaders.Add("x-otlp-api-key", dashboard.Host.OtlpApiKey);

        using var response = await client.GetAsync("/api/resources", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
