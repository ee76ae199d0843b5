using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Options;

namespace Relay.WsBackend.Apis;

/// <summary><c>GET /ws?channel=…</c>: the Subscribe contract of docs/protocol.md.</summary>
internal static class WebSocketApi
{
    private const string ChannelQueryKey = "channel";

    public static IEndpointRouteBuilder MapWebSocketApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(RelayRoutes.WebSocket, ConnectAsync).WithName("Subscribe");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> ConnectAsync(
        HttpContext context,
        [FromQuery(Name = ChannelQueryKey)] string[]? channel,
        ConnectionRunner runner,
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

        string[] channels = channel is { Length: > 0 } ? [.. channel.Distinct(StringComparer.Ordinal)] : [RelayChannels.Default];
        if (Validate(channels, options.Value.MaxChannelsPerConnection) is { } errors)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [ChannelQueryKey] = errors },
                title: "Invalid channel query");
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

        await runner.RunAsync(socket, channels);
        return TypedResults.Empty;
    }

    private static string[]? Validate(string[] channels, int maxChannels)
    {
        List<string> errors = [];
        foreach (var channel in channels.Where(c => !ChannelName.IsValid(c)))
        {
            errors.Add($"'{channel}' is not a valid channel: a letter or digit, then up to 63 letters, digits or _ . : -");
        }

        if (channels.Length > maxChannels)
        {
            errors.Add($"A connection follows at most {maxChannels} channels; the query names {channels.Length}.");
        }

        return errors.Count > 0 ? [.. errors] : null;
    }
}
