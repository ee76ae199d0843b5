namespace Relay.Hosting;

/// <summary>
/// Where the dashboard listens and its per-run secrets: decided at Build, serving once the app has started.
/// All loopback, plain http.
/// </summary>
/// <param name="FrontendUrl"><c>http://127.0.0.1:&lt;port&gt;/</c>: the pages and the JSON API.</param>
/// <param name="LoginUrl"><c>http://127.0.0.1:&lt;port&gt;/login?t=&lt;browser token&gt;</c>: what the terminal prints.</param>
/// <param name="BrowserToken">Also accepted as <c>Authorization: Bearer &lt;token&gt;</c> by the JSON API.</param>
/// <param name="OtlpGrpcEndpoint">What the services get as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</param>
/// <param name="OtlpHttpEndpoint">OTLP over HTTP (<c>POST /v1/traces|logs|metrics</c>).</param>
/// <param name="OtlpApiKey">What exporters send in <c>x-otlp-api-key</c>.</param>
public sealed record DashboardEndpoints(
    Uri FrontendUrl,
    Uri LoginUrl,
    string BrowserToken,
    Uri OtlpGrpcEndpoint,
    Uri OtlpHttpEndpoint,
    string OtlpApiKey);
