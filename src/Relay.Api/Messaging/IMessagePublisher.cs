using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// Publishes accepted messages to every WsBackend replica.
/// Redis pub/sub: at most once to each subscriber connected at publish time; returns only after Redis accepted the PUBLISH.
/// </summary>
public interface IMessagePublisher
{
    /// <summary>
    /// Publishes <paramref name="envelope"/> on its channel. Not cancellable: a PUBLISH already written cannot be
    /// taken back, so the caller learns the real outcome instead.
    /// </summary>
    /// <exception cref="BrokerUnavailableException">The broker is unreachable (nothing was published) or did not confirm in time (unknown).</exception>
    Task PublishAsync(MessageEnvelope envelope);
}
