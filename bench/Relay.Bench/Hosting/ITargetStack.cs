using Relay.Bench.Clients;

namespace Relay.Bench.Hosting;

/// <summary>
/// What a scenario measures, started: Relay, or one of its peers (the Node stack, SignalR). All take
/// <c>POST /api/messages</c> <c>{"channel","sender","text"}</c> and deliver to WebSocket subscribers of a channel, so one
/// load client drives them all. Disposal stops every process of the stack.
/// </summary>
internal interface ITargetStack : IAsyncDisposable
{
    /// <summary>One of <see cref="Targets.Choices"/> (not <see cref="Targets.All"/>).</summary>
    string Target { get; }

    /// <summary>The base address of the stack's <c>POST /api/messages</c>.</summary>
    Uri Api { get; }

    /// <summary>The WebSocket address of subscriber <paramref name="index"/>: spread over the stack's instances.</summary>
    Uri SubscriberUri(int index, string channel);

    /// <summary>How a subscriber of <paramref name="channel"/> talks to the stack.</summary>
    SubscriberProtocol SubscriberProtocol(string channel);

    /// <summary>Every process of the stack, Redis included, by the name its CPU row gets.</summary>
    IReadOnlyDictionary<string, int> ProcessIds();

    /// <summary>The Redis processes of <see cref="ProcessIds"/>, each <see cref="RedisRole.Master"/> or <see cref="RedisRole.Replica"/> as the stack started.</summary>
    IReadOnlyDictionary<string, string> RedisRoles();

    /// <summary>What ran: the services' build configuration, or the runtime's version.</summary>
    string ServicesBuild();
}
