using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;

namespace Relay.Dashboard.Api;

internal static class ResourcesApi
{
    public static RouteGroupBuilder MapResourcesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DashboardRoutes.Resources);
        group.MapGet(string.Empty, ListResources);
        group.MapPost("/{name}/{action}", ExecuteAsync);
        return group;
    }

    public static Ok<List<ResourceView>> ListResources(IDashboardResources resources) =>
        TypedResults.Ok(resources.GetResources()
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Replica)
            .Select(r => new ResourceView(
                r.Name, r.Instance, r.Replica, r.Type, r.State, r.Health, r.ProcessId, r.ExitCode, r.StartedAt,
                r.RestartCount, r.Endpoints, SecretMasker.MaskAll(r.Environment)))
            .ToList());

    /// <summary><c>POST /api/resources/{name}/{start|stop|restart}?replica=N</c>: 202 once the engine accepted it.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> ExecuteAsync(
        string name, string action, int? replica, IDashboardResources resources, CancellationToken ct)
    {
        ResourceAction? parsed = action.ToLowerInvariant() switch
        {
            "start" => ResourceAction.Start,
            "stop" => ResourceAction.Stop,
            "restart" => ResourceAction.Restart,
            _ => null,
        };
        if (parsed is null)
        {
            return NotFound($"Unknown action '{action}': use start, stop or restart.");
        }

        return await resources.ExecuteAsync(name, replica, parsed.Value, ct)
            ? TypedResults.Accepted((string?)null)
            : NotFound(replica is null ? $"No resource '{name}'." : $"No replica {replica} of resource '{name}'.");
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
