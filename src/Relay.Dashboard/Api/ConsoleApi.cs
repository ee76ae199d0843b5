using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Relay.Dashboard.Api;

internal static class ConsoleApi
{
    private const int DefaultLimit = 1_000;
    private const int MaxLimit = 10_000;

    public static RouteHandlerBuilder MapConsoleApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Console, ListLines);

    /// <summary><c>GET /api/console?instance=&amp;limit=</c>: the most recent lines, oldest first; all instances when none is given.</summary>
    public static Ok<List<ConsoleLogLine>> ListLines(IDashboardResources resources, string? instance, int? limit)
    {
        var lines = resources.GetConsoleLogs(string.IsNullOrEmpty(instance) ? null : instance);
        return TypedResults.Ok(lines.TakeLast(QueryLimit.Clamp(limit, DefaultLimit, MaxLimit)).ToList());
    }
}
