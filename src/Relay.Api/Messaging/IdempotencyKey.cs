using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// An <c>Idempotency-Key</c> as the API key <paramref name="KeyId"/> gave it: keys are scoped per API key, so one
/// client can neither replay nor block another's publish by guessing its keys.
/// </summary>
public sealed record IdempotencyKey(string KeyId, string Key)
{
    public string RedisKey => RelayKeys.Idempotency(KeyId, Key);
}
