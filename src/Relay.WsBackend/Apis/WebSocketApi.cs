using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Options;

namespace Relay.WsBackend.Apis;

/// <summary><c>GET /ws?channel=…[&amp;name=…][&amp;since=…&amp;epoch=…]</c>: the Subscribe contract of docs/protocol.md.</summary>
internal static class WebSocketApi
{
    public static IEndpointRouteBuilder MapWebSocketApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(RelayRoutes.WebSocket, ConnectAsync).WithName("Subscribe");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> ConnectAsync(
        HttpContext context,
        [FromQuery(Name = ConnectQuery.ChannelKey)] string[]? channel,
        [FromQuery(Name = ConnectQuery.NameKey)] string[]? name,
        [FromQuery(Name = ConnectQuery.SinceKey)] string[]? since,
        [FromQuery(Name = ConnectQuery.EpochKey)] string[]? epoch,
        ConnectionRunner runner,
        ConnectionTracker tracker,
        IOptions<WsBackendOptions> options,
        ILoggerFactory loggerFactory)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a WebSocket request",
                detail: $"{RelayRoutes.WebSocket} only accepts WebSocket upgrade requests.");
        }

        if (ConnectQuery.Parse(channel, name, since, epoch, options.Value.MaxChannelsPerConnection, out var errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors!, title: "Invalid WebSocket query");
        }

        if (tracker.IsStopping)
        {
            // Refused before the upgrade, so a proxy sees a failed request and the client retries elsewhere at once.
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Replica shutting down",
                detail: "This replica is stopping and accepts no new WebSocket; connect again (another replica).");
        }

        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync();
        }
        catch (InvalidOperationException) when (!context.Response.HasStarted)
        {
            // Kestrel refuses the upgrade past Limits.MaxConcurrentUpgradedConnections.
            Log.ConnectionLimitReached(loggerFactory.CreateLogger(typeof(WebSocketApi)), options.Value.MaxConnections);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Too many connections",
                detail: "This replica holds its maximum number of WebSockets; try again or another replica.");
        }

        await runner.RunAsync(socket, query.Channels, query.Name, query.Since);
        return TypedResults.Empty;
    }
}
