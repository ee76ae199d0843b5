using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

[Collection(RelayAppCollection.Name)]
public sealed class ApiBadInputTests(RelayApp relay)
{
    public static TheoryData<string, string> InvalidFields => new()
    {
        { """{"channel":"bad channel!","sender":"a","text":"t"}""", "channel" },
        { """{"channel":"-starts-with-dash","sender":"a","text":"t"}""", "channel" },
        { $$"""{"channel":"{{new string('c', 65)}}","sender":"a","text":"t"}""", "channel" },
        { """{"sender":"a","text":"t"}""", "channel" },
        { """{"channel":"general","sender":"","text":"t"}""", "sender" },
        { $$"""{"channel":"general","sender":"{{new string('s', 65)}}","text":"t"}""", "sender" },
        { """{"channel":"general","sender":"a","text":""}""", "text" },
        { $$"""{"channel":"general","sender":"a","text":"{{new string('t', 4097)}}"}""", "text" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Publish_WithAnInvalidField_Returns400NamingTheField(string body, string field)
    {
        using var response = await PostRawAsync(body, "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors does not name '{field}': {problem}");
    }

    [Fact]
    public async Task Publish_WithEveryFieldInvalid_ReportsEveryField()
    {
        using var response = await PostRawAsync("""{"channel":"","sender":"","text":""}""", "application/json");

        var errors = (await AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.All(new[] { "channel", "sender", "text" }, field => Assert.True(errors.TryGetProperty(field, out _), field));
    }

    [Theory]
    [InlineData("{\"channel\":\"general\",")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"channel\":42,\"sender\":\"a\",\"text\":\"t\"}")]
    public async Task Publish_WithMalformedJson_Returns400(string body)
    {
        using var response = await PostRawAsync(body, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Publish_WithANonJsonContentType_Returns415()
    {
        using var response = await PostRawAsync("""{"channel":"general","sender":"a","text":"t"}""", "text/plain");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Publish_WithABodyOver96KiB_Returns413()
    {
        var body = $$"""{"channel":"general","sender":"a","text":"{{new string('x', MessageLimits.MaxRequestBodyBytes)}}"}""";

        using var response = await PostRawAsync(body, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Publish_WithAChunkedBodyOver96KiB_Returns413()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"channel":"general","sender":"a","text":"{{new string('x', MessageLimits.MaxRequestBodyBytes)}}"}""");
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, RelayRoutes.Messages) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Sender_RelaysTheApisProblemDetails()
    {
        using var sender = relay.CreateHttpClient(ResourceNames.Sender);
        using var content = new StringContent("""{"channel":"bad channel!","sender":"a","text":"t"}""", Encoding.UTF8, "application/json");

        using var response = await sender.PostAsync(RelayRoutes.SenderSend, content, TestTimeouts.After(TestTimeouts.Step));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _));
    }

    [Fact]
    public async Task AfterBadInput_TheApiStillPublishes()
    {
        using (await PostRawAsync("{", "application/json"))
        using (await PostRawAsync("x", "text/plain"))
        {
        }

        using var api = relay.CreateHttpClient(ResourceNames.Api);
        await Publisher.PublishAsync(api, "general", Publisher.UniqueText());
        using var health = await api.GetAsync("/health", TestTimeouts.After(TestTimeouts.Step));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string body, string contentType)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await api.PostAsync(RelayRoutes.Messages, content, TestTimeouts.After(TestTimeouts.Step));
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }
}
