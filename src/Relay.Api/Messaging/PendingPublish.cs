using System.Diagnostics;
using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// One publish waiting in its channel's <see cref="PublishBatcher"/>: what the script needs of it, and the task its
/// request awaits. Completed off the batch's thread, so one batch's requests answer in parallel.
/// </summary>
internal sealed class PendingPublish(
    MessageEnvelope envelope,
    ReadOnlyMemory<byte> envelopeJson,
    string? idempotencyRedisKey,
    string? fingerprint,
    ReadOnlyMemory<byte> storedAnswerJson,
    Activity? activity) : TaskCompletionSource<PublishReceipt>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public MessageEnvelope Envelope { get; } = envelope;

    /// <summary>The envelope's JSON without its final <c>}</c>: the script appends the offset and epoch.</summary>
    public ReadOnlyMemory<byte> EnvelopeJson { get; } = envelopeJson;

    /// <summary>Where the answer to its <c>Idempotency-Key</c> is kept (<see cref="RelayKeys.Idempotency"/>); null without a key.</summary>
    public string? IdempotencyRedisKey { get; } = idempotencyRedisKey;

    public string? Fingerprint { get; } = fingerprint;

    /// <summary>The answer kept under the idempotency key, without its final <c>}</c>; empty without a key.</summary>
    public ReadOnlyMemory<byte> StoredAnswerJson { get; } = storedAnswerJson;

    /// <summary>The publish span, parent of the Redis span when this publish leads its batch.</summary>
    public Activity? Activity { get; } = activity;

    public int Size => EnvelopeJson.Length + StoredAnswerJson.Length;
}
