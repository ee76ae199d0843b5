using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Relay.Dashboard.Api;

/// <summary>A placeholder <c>/</c> listing the API until the dashboard pages exist.</summary>
internal static class HomePage
{
    private const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Relay dashboard</title></head>
        <body>
        <h1>Relay dashboard</h1>
        <ul>
        <li><a href="/api/resources">/api/resources</a></li>
        <li><a href="/api/console">/api/console</a></li>
        <li><a href="/api/traces">/api/traces</a> (?service=&amp;q=&amp;minDurationMs=&amp;limit=), /api/traces/{traceId}</li>
        <li><a href="/api/logs">/api/logs</a> (?service=&amp;level=&amp;q=&amp;traceId=&amp;limit=)</li>
        <li><a href="/api/metrics">/api/metrics</a> (?service=)</li>
        <li><a href="/api/stats">/api/stats</a></li>
        <li><a href="/api/stream">/api/stream</a> (Server-Sent Events)</li>
        </ul>
        </body>
        </html>
        """;

    public static RouteHandlerBuilder MapHomePage(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Home, Get);

    public static ContentHttpResult Get() => TypedResults.Content(Html, "text/html; charset=utf-8");
}
