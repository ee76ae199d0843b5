using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>Who may call the Api: an API key in <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, else 401, never 500.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class ApiKeyAuthenticationTests(RelayApp relay)
{
    private const string WrongKey = "wrong-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    [Fact]
    public async Task Publish_WithoutApiKey_Returns401()
    {
        using var api = SecuredCalls.Anonymous(relay);

        (await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("anon"))).ExpectUnauthorized();
    }

    [Fact]
    public async Task Publish_WithWrongApiKey_Returns401_WithoutEchoingTheKey()
    {
        using var api = SecuredCalls.WithBearer(relay, WrongKey);

        var answer = (await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("wrong"))).ExpectUnauthorized();

        Assert.DoesNotContain(WrongKey, answer.Answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WithWrongXApiKey_Returns401()
    {
        using var api = SecuredCalls.Anonymous(relay);

        (await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("wrong"), request => request.Headers.Add(ApiCredentials.ApiKeyHeader, WrongKey)))
            .ExpectUnauthorized();
    }

    [Theory]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearertest-api-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF")]
    [InlineData("Token test-api-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF")]
    [InlineData("test-api-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer ..")]
    public async Task Publish_WithMalformedAuthorization_Returns401(string authorization)
    {
        using var api = SecuredCalls.Anonymous(relay);

        (await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("malformed"), request =>
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization)))).ExpectUnauthorized();
    }

    [Fact]
    public async Task Publish_WithTwoAuthorizationHeaders_Returns401()
    {
        using var api = SecuredCalls.Anonymous(relay);

        (await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("two"), request =>
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestCredentials.ApiKey);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestCredentials.ApiKey);
        })).ExpectUnauthorized();
    }

    [Fact]
    public async Task Publish_WithKeyInBothHeaders_Returns401()
    {
        using var api = SecuredCalls.WithBearer(relay, TestCredentials.ApiKey);

        (await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("both"), request => request.Headers.Add(ApiCredentials.ApiKeyHeader, TestCredentials.ApiKey)))
            .ExpectUnauthorized();
    }

    [Fact]
    public async Task Publish_WithXApiKey_IsAccepted()
    {
        using var api = SecuredCalls.Anonymous(relay);

        var answer = await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("x-api-key"), request => request.Headers.Add(ApiCredentials.ApiKeyHeader, TestCredentials.ApiKey));

        answer.Answer.Expect(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Publish_WithLowerCaseBearerScheme_IsAccepted()
    {
        using var api = SecuredCalls.Anonymous(relay);

        var answer = await SecuredCalls.PublishAsync(api, RelayApi.UniqueChannel("lower"), request =>
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", "bearer " + TestCredentials.ApiKey)));

        answer.Answer.Expect(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task History_WithoutCredentials_Returns401()
    {
        using var api = SecuredCalls.Anonymous(relay);

        (await SecuredCalls.SendAsync(api, HttpMethod.Get, RelayRoutes.ChannelMessages("general"))).ExpectUnauthorized();
        (await SecuredCalls.SendAsync(api, HttpMethod.Get, RelayRoutes.ChannelPresence("general"))).ExpectUnauthorized();
    }

    [Theory]
    [InlineData(RelayRoutes.Health)]
    [InlineData(RelayRoutes.Alive)]
    [InlineData("/openapi/v1.json")]
    [InlineData(RelayRoutes.Flow)]
    [InlineData(RelayRoutes.FlowPage + "/")]
    public async Task PagesWithoutMessageContent_NeedNoCredentials(string path)
    {
        using var api = SecuredCalls.Anonymous(relay);

        using var response = await api.GetAsync(path, TestTimeouts.After(TestTimeouts.Step));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
