using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Dashboard;

public sealed class OtlpIngestionTests(StandaloneDashboard dashboard) : IClassFixture<StandaloneDashboard>
{
    private const string ApiKeyHeader = "x-otlp-api-key";
    private const string TraceExportPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    [Fact]
    public async Task OtlpHttpProtobuf_WithTheKey_IsStored()
    {
        var traceId = OtlpPayloads.NewTraceId();

        using var response = await PostHttpAsync(OtlpPayloads.Trace("http-proto", traceId, "proto span").ToByteArray(), "application/x-protobuf", withKey: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = await WaitForTraceAsync(traceId);
        Assert.Equal("proto span", trace.GetProperty("spans")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task OtlpHttpJson_WithTheKey_IsStoredWithItsHexIds()
    {
        var traceId = OtlpPayloads.NewTraceId();

        using var response = await PostHttpAsync(Encoding.UTF8.GetBytes(OtlpPayloads.TraceJson("http-json", traceId, "json span")), "application/json", withKey: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = (await WaitForTraceAsync(traceId)).GetProperty("spans")[0];
        Assert.Equal("json span", span.GetProperty("name").GetString());
        Assert.Equal(traceId[..16], span.GetProperty("spanId").GetString());
        Assert.Equal("http-json", span.GetProperty("service").GetString());
    }

    [Theory]
    [InlineData("application/x-protobuf")]
    [InlineData("application/json")]
    public async Task OtlpHttp_WithoutTheKey_Returns401_AndStoresNothing(string contentType)
    {
        var traceId = OtlpPayloads.NewTraceId();
        var body = contentType == "application/json"
            ? Encoding.UTF8.GetBytes(OtlpPayloads.TraceJson("refused", traceId, "refused"))
            : OtlpPayloads.Trace("refused", traceId, "refused").ToByteArray();

        using var response = await PostHttpAsync(body, contentType, withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var api = dashboard.CreateApiClient();
        using var lookup = await api.GetAsync($"/api/traces/{traceId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task OtlpGrpc_WithTheKey_IsStored()
    {
        var traceId = OtlpPayloads.NewTraceId();

        var status = await ExportGrpcAsync(OtlpPayloads.Trace("grpc", traceId, "grpc span"), withKey: true);

        Assert.Equal("0", status);
        var trace = await WaitForTraceAsync(traceId);
        Assert.Equal("grpc", trace.GetProperty("spans")[0].GetProperty("service").GetString());
    }

    [Fact]
    public async Task OtlpGrpc_WithoutTheKey_IsUnauthenticated()
    {
        var traceId = OtlpPayloads.NewTraceId();

        var status = await ExportGrpcAsync(OtlpPayloads.Trace("grpc", traceId, "grpc span"), withKey: false);

        Assert.Equal("16", status);
        using var api = dashboard.CreateApiClient();
        using var lookup = await api.GetAsync($"/api/traces/{traceId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Storage_EvictsTheOldestTraces_PastItsBound()
    {
        var ids = new List<string>();
        for (var i = 0; i < StandaloneDashboard.MaxTraces + 3; i++)
        {
            var traceId = OtlpPayloads.NewTraceId();
            ids.Add(traceId);
            using var response = await PostHttpAsync(OtlpPayloads.Trace("evicting", traceId, $"span {i}").ToByteArray(), "application/x-protobuf", withKey: true);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await WaitForTraceAsync(traceId);
        }

        using var api = dashboard.CreateApiClient();
        var stored = await api.GetFromJsonAsync<JsonElement>("/api/traces?service=evicting&limit=100", TestContext.Current.CancellationToken);
        var storedIds = stored.EnumerateArray().Select(t => t.GetProperty("traceId").GetString()!).ToHashSet();
        Assert.Equal(ids.TakeLast(StandaloneDashboard.MaxTraces).ToHashSet(), storedIds);
    }

    private async Task<HttpResponseMessage> PostHttpAsync(byte[] body, string contentType, bool withKey)
    {
        using var client = new HttpClient { BaseAddress = dashboard.Host.OtlpHttpEndpoint };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = content };
        if (withKey)
        {
            request.Headers.Add(ApiKeyHeader, dashboard.Host.OtlpApiKey);
        }

        return await client.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));
    }

    // A raw gRPC call over HTTP/2 without TLS (h2c), as the OTLP exporter makes it; returns grpc-status.
    private async Task<string?> ExportGrpcAsync(IMessage message, bool withKey)
    {
        using var client = new HttpClient { BaseAddress = dashboard.Host.OtlpGrpcEndpoint };
        using var content = new ByteArrayContent(OtlpPayloads.GrpcFrame(message));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, TraceExportPath)
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.ParseAdd("trailers");
        if (withKey)
        {
            request.Headers.Add(ApiKeyHeader, dashboard.Host.OtlpApiKey);
        }

        using var response = await client.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;
    }

    // Ingestion is asynchronous (a queue between the exporter and the store): poll, bounded.
    private async Task<JsonElement> WaitForTraceAsync(string traceId)
    {
        using var api = dashboard.CreateApiClient();
        using var deadline = new CancellationTokenSource(TestTimeouts.Step);
        while (true)
        {
            using var response = await api.GetAsync($"/api/traces/{traceId}", deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
