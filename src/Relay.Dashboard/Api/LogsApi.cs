using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class LogsApi
{
    private const int DefaultLimit = 200;
    private const int MaxLimit = 5_000;

    public static RouteHandlerBuilder MapLogsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Logs, ListLogs);

    /// <summary>
    /// <c>GET /api/logs?service=&amp;level=&amp;q=&amp;traceId=&amp;limit=</c>, newest first; <c>level</c> is the
    /// minimum level (trace, debug, information, warning, error, critical).
    /// </summary>
    public static Results<Ok<List<LogView>>, ProblemHttpResult> ListLogs(
        LogStore store, string? service, string? level, string? q, string? traceId, int? limit)
    {
        if (!LogLevels.TryParseMinimum(level, out var minimum))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown level",
                detail: "level must be one of trace, debug, information, warning, error, critical.");
        }

        var filter = new LogFilter(service, minimum, q, traceId);
        return TypedResults.Ok(store.Query(filter, QueryLimit.Clamp(limit, DefaultLimit, MaxLimit), LogViews.Create));
    }
}
