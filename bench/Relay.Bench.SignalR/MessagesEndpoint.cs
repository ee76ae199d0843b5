using Microsoft.AspNetCore.SignalR;

namespace Relay.Bench.SignalR;

/// <summary>
/// <c>POST /api/messages</c> <c>{"channel","text"}</c>: sends the message to the channel's group through the Redis
/// backplane, which carries it to the other instance's members too, then answers 202.
/// </summary>
internal static class MessagesEndpoint
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", PublishAsync);
        return app;
    }

    private static async Task<IResult> PublishAsync(PublishBody body, IHubContext<RelayHub> hub, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body.Channel) || string.IsNullOrEmpty(body.Text))
        {
            return Results.BadRequest();
        }

        var message = new ChannelMessage(Guid.NewGuid().ToString("N"), body.Channel, body.Sender ?? "anonymous", body.Text, DateTimeOffset.UtcNow);
        await hub.Clients.Group(body.Channel).SendAsync("message", message, cancellationToken);
        return Results.Accepted(value: new PublishAnswer(message.Id, message.PublishedAt));
    }
}
