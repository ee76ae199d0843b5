using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// Publishes accepted messages to every WsBackend replica. Each message is appended to its channel's history (bounded:
/// about <c>History:Size</c> messages per channel) and published, atomically, under the next offset of its channel;
/// returns only after Redis did both. Pub/sub delivers it at most once to each subscriber connected at publish time;
/// whoever missed it recovers it from the history by offset. Per channel, publish order is offset order.
/// </summary>
public interface IMessagePublisher
{
    /// <summary>
    /// Publishes <paramref name="envelope"/> on its channel, once per <paramref name="idempotencyKey"/> (of its API key) if one is given:
    /// within <see cref="HistoryLimits.IdempotencyWindow"/> a repeat publishes nothing and answers the first receipt
    /// (<see cref="PublishOutcome.Replayed"/>, or <see cref="PublishOutcome.IdempotencyKeyReused"/> when the key came
    /// with a different channel, sender, text, data or contentType). Not cancellable: a publish already written cannot
    /// be taken back, so the caller learns the real outcome instead.
    /// </summary>
    /// <exception cref="BrokerUnavailableException">The broker is unreachable (nothing was published) or did not confirm in time (unknown).</exception>
    Task<PublishReceipt> PublishAsync(MessageEnvelope envelope, IdempotencyKey? idempotencyKey = null);
}
