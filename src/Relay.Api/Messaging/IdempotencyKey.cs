using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// An <c>Idempotency-Key</c> as the API key <paramref name="KeyId"/> gave it for a publish to <paramref name="Channel"/>:
/// keys are scoped per API key, so one client can neither replay nor block another's publish by guessing its keys,
/// and per channel, so the key lives in the channel's Redis Cluster slot and its check is part of the publish script.
/// </summary>
public sealed record IdempotencyKey(string Channel, string KeyId, string Key)
{
    public string RedisKey => RelayKeys.Idempotency(Channel, KeyId, Key);
}
