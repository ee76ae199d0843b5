using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Options;
using Relay.WsBackend.Security;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Apis;

/// <summary>
/// <c>GET /ws?channel=…[&amp;name=…][&amp;since=…&amp;epoch=…]</c> with a connection token: the Subscribe contract of
/// docs/protocol.md. Every refusal is answered before the upgrade, as ProblemDetails.
/// </summary>
internal static class WebSocketApi
{
    // A client over its address's limit waits for some of its connections to end.
    private const string AddressRetryAfterSeconds = "5";

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
        UpgradeAuthorizer authorizer,
        ConnectionRunner runner,
        ConnectionTracker tracker,
        WsBackendMetrics metrics,
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

        var logger = loggerFactory.CreateLogger(typeof(WebSocketApi));
        var address = ClientAddress.Of(context);
        var decision = await authorizer.AuthorizeAsync(context, query);
        if (decision.Refusal is { } refusal)
        {
            Security.Log.UpgradeRefused(logger, address, refusal.Status, refusal.Reason, refusal.Detail);
            metrics.Refused(refusal.Reason);
            return TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);
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

        if (tracker.TryReserveAddress(address, options.Value.MaxConnectionsPerAddress) is not { } slot)
        {
            Security.Log.AddressLimitReached(logger, address, options.Value.MaxConnectionsPerAddress);
            metrics.Refused(RefusalReason.AddressLimit);
            context.Response.Headers.RetryAfter = AddressRetryAfterSeconds;
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many connections from this address",
                detail: $"This address holds {options.Value.MaxConnectionsPerAddress} WebSockets on this replica; close some or try again later.");
        }

        try
        {
            WebSocket socket;
            try
            {
                socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
                {
                    SubProtocol = decision.OffersProtocol ? WebSocketSubprotocols.Protocol : null,
                });

                // The request (and its headers) lives as long as the WebSocket: let go of the token it carried.
                context.Request.Headers.Remove(HeaderNames.Authorization);
                context.Request.Headers.Remove(HeaderNames.SecWebSocketProtocol);
            }
            catch (InvalidOperationException) when (!context.Response.HasStarted)
            {
                // Kestrel refuses the upgrade past Limits.MaxConcurrentUpgradedConnections.
                Log.ConnectionLimitReached(logger, options.Value.MaxConnections);
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Too many connections",
                    detail: "This replica holds its maximum number of WebSockets; try again or another replica.");
            }

            await runner.RunAsync(socket, query.Channels, decision.Grant, query.Name, query.Since);
            return TypedResults.Empty;
        }
        finally
        {
            tracker.ReleaseAddress(slot);
        }
    }
}
