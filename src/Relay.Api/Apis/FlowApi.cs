using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Flow;
using Relay.Contracts;
using Relay.Contracts.Flow;
using StackExchange.Redis;

namespace Relay.Api.Apis;

internal static class FlowApi
{
    // Reading again is safe; the page polls every second anyway.
    private const string RetryAfterSeconds = "1";

    public static IEndpointRouteBuilder MapFlowApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(RelayRoutes.Flow, GetFlowAsync)
            .WithTags("Flow")
            .WithName("GetFlow")
            .WithSummary("Messages per second along sender → api → redis → each WsBackend replica → receivers, open connections and delivery latency.")
            .WithDescription(
                $"Each Api and WsBackend instance writes its figures to Redis every {FlowLimits.Interval.TotalSeconds:0} s; every rate " +
                $"is over an instance's last such window. An instance silent for {FlowLimits.StaleAfter.TotalSeconds} s is left out. " +
                $"The page at {RelayRoutes.FlowPage} draws it.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<Ok<FlowView>, ProblemHttpResult>> GetFlowAsync(
        FlowReader reader,
        TimeProvider timeProvider,
        HttpContext context)
    {
        List<FlowSnapshot> snapshots;
        try
        {
            snapshots = await reader.ReadAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                title: "Redis is unreachable",
                detail: "The flow figures could not be read. Retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(FlowCalculator.Compute(snapshots, timeProvider.GetUtcNow()));
    }
}
