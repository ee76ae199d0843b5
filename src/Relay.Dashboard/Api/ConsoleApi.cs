using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Relay.Dashboard.Api;

internal static class ConsoleApi
{
    private const int DefaultLimit = 1_000;
    private const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(DashboardRoutes.Console, ListLines);
        routes.MapGet(DashboardRoutes.ConsoleDownload, Download);
        return routes;
    }

    /// <summary><c>GET /api/console?instance=&amp;limit=</c>: the most recent lines, oldest first; all instances when none is given.</summary>
    public static Ok<List<ConsoleLogLine>> ListLines(IDashboardResources resources, string? instance, int? limit)
    {
        var lines = resources.GetConsoleLogs(string.IsNullOrEmpty(instance) ? null : instance);
        return TypedResults.Ok(lines.TakeLast(QueryLimit.Clamp(limit, DefaultLimit, MaxLimit)).ToList());
    }

    /// <summary>
    /// <c>GET /api/console/download?instance=</c>: every retained line of the instance (or of all) as
    /// <c>text/plain</c>, one per line: <c>&lt;UTC time&gt; &lt;instance&gt; out|err &lt;text&gt;</c>.
    /// </summary>
    public static FileContentHttpResult Download(IDashboardResources resources, string? instance)
    {
        var lines = resources.GetConsoleLogs(string.IsNullOrEmpty(instance) ? null : instance);
        var text = new StringBuilder(lines.Count * 80);
        foreach (var line in lines)
        {
            text.Append(line.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append(' ').Append(line.Instance)
                .Append(line.IsError ? " err " : " out ")
                .Append(line.Text)
                .Append('\n');
        }

        var name = $"console-{FileNamePart(instance)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.txt";
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/plain; charset=utf-8", name);
    }

    // The instance comes from the query string: keep the file name to characters every file system accepts.
    private static string FileNamePart(string? instance) =>
        string.IsNullOrEmpty(instance)
            ? "all"
            : new string(instance.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(64).ToArray());
}
