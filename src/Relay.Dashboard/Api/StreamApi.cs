using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Hosting;

namespace Relay.Dashboard.Api;

internal static class StreamApi
{
    private const string EventType = "change";
    private const string ReadyEventType = "ready";

    public static RouteHandlerBuilder MapStreamApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Stream, Stream);

    /// <summary>
    /// <c>GET /api/stream</c>: first one event of type <c>ready</c> (data <c>{"kinds":[]}</c>), then Server-Sent Events
    /// of type <c>change</c>, data <c>{"kinds":["traces",…]}</c>, at most four a second. Pages refetch what changed.
    /// Ends when the client leaves or the dashboard stops.
    /// </summary>
    public static ServerSentEventsResult<ChangeEvent> Stream(
        DashboardChanges changes, IHostApplicationLifetime lifetime, HttpContext context) =>
        TypedResults.ServerSentEvents(ReadAsync(changes, lifetime.ApplicationStopping, context.RequestAborted));

    private static async IAsyncEnumerable<SseItem<ChangeEvent>> ReadAsync(
        DashboardChanges changes, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted)
    {
        // A stream left open would hold the dashboard's shutdown until its timeout.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);

        // Sends the headers and a first event now: on a quiet dashboard the browser would otherwise not know
        // it is connected until the first change.
        yield return new SseItem<ChangeEvent>(new ChangeEvent([]), ReadyEventType);
        await foreach (var kinds in changes.ReadAllAsync(linked.Token))
        {
            yield return new SseItem<ChangeEvent>(new ChangeEvent(Names(kinds)), EventType);
        }
    }

    private static List<string> Names(ChangeKinds kinds) =>
        Enum.GetValues<ChangeKinds>()
            .Where(k => k != ChangeKinds.None && kinds.HasFlag(k))
            .Select(k => k.ToString().ToLowerInvariant())
            .ToList();
}
