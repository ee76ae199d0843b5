using System.Text.Json;
using Relay.Api.Options;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>
/// Appends one message to its channel's history and publishes it, in one atomic Lua script (docs/guarantees.md):
/// per channel, offset order is publish order; every message is in the stream before it is on pub/sub; offsets run
/// 1, 2, 3 … without holes within an epoch. With an <c>Idempotency-Key</c>, checking it, publishing and storing the
/// answer are one step, so two concurrent requests with one key publish once.
/// </summary>
internal static class PublishScript
{
    // KEYS: stream, meta[, idempotency]. ARGV: the envelope JSON without its final '}', history size, idle TTL (ms),
    // pub/sub channel[, the stored answer JSON without its final '}', idempotency window (s)].
    // The epoch is Redis's clock in microseconds, hex: a channel whose position is gone (data lost, idle past the TTL)
    // starts a new epoch at offset 1, and drops any stream left without its position.
    private const string Script = $$"""
        local idempotency = KEYS[3]
        if idempotency then
          local stored = redis.call('GET', idempotency)
          if stored then
            return {'replayed', stored}
          end
        end
        local epoch = redis.call('HGET', KEYS[2], '{{RelayKeys.EpochField}}')
        if not epoch then
          local now = redis.call('TIME')
          epoch = string.format('%x', tonumber(now[1]) * 1000000 + tonumber(now[2]))
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[2], '{{RelayKeys.EpochField}}', epoch, '{{RelayKeys.OffsetField}}', 0)
        end
        local offset = redis.call('HINCRBY', KEYS[2], '{{RelayKeys.OffsetField}}', 1)
        local position = string.format(',"offset":%d,"epoch":"%s"}', offset, epoch)
        local payload = ARGV[1] .. position
        redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], string.format('0-%d', offset), '{{RelayKeys.StreamField}}', payload)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        redis.call('PUBLISH', ARGV[4], payload)
        if idempotency then
          redis.call('SET', idempotency, ARGV[5] .. position, 'EX', ARGV[6])
        end
        return {'published', offset, epoch}
        """;

    private const string Published = "published";

    // The script text goes once per connection; after that EVALSHA, and StackExchange.Redis sends the text again by
    // itself when Redis answers NOSCRIPT (a restarted or flushed Redis).
    public static Task<RedisResult> RunAsync(
        IDatabase database, MessageEnvelope envelope, string? idempotencyKey, string? fingerprint, HistoryOptions history)
    {
        var channel = envelope.Channel;
        var common = new RedisValue[]
        {
            WithoutClosingBrace(JsonSerializer.SerializeToUtf8Bytes(envelope, ContractsJsonContext.Default.MessageEnvelope)),
            history.Size,
            (long)history.IdleTtl.TotalMilliseconds,
            RelayChannels.ToRedis(channel),
        };

        if (idempotencyKey is null)
        {
            return database.ScriptEvaluateAsync(Script, [RelayKeys.Stream(channel), RelayKeys.Meta(channel)], common);
        }

        var answer = new StoredPublishAnswer(fingerprint!, envelope.Id, channel, envelope.PublishedAt);
        RedisValue[] values =
        [
            .. common,
            WithoutClosingBrace(JsonSerializer.SerializeToUtf8Bytes(answer, MessagingJsonContext.Default.StoredPublishAnswer)),
            (long)HistoryLimits.IdempotencyWindow.TotalSeconds,
        ];
        return database.ScriptEvaluateAsync(
            Script, [RelayKeys.Stream(channel), RelayKeys.Meta(channel), RelayKeys.Idempotency(idempotencyKey)], values);
    }

    /// <summary>Reads the script's answer for <paramref name="envelope"/>, published with <paramref name="fingerprint"/> if keyed.</summary>
    public static PublishReceipt ReadReceipt(RedisResult result, MessageEnvelope envelope, string? fingerprint)
    {
        var parts = (RedisResult[])result!;
        if ((string?)parts[0] == Published)
        {
            return new PublishReceipt(
                PublishOutcome.Published, envelope.Id, envelope.PublishedAt, new PublishedPosition((long)parts[1], (string)parts[2]!));
        }

        var stored = JsonSerializer.Deserialize((byte[])parts[1]!, MessagingJsonContext.Default.StoredPublishAnswer)
            ?? throw new InvalidDataException("The stored answer of an Idempotency-Key is JSON null.");
        if (stored.Offset is not { } offset || stored.Epoch is not { } epoch)
        {
            throw new InvalidDataException("The stored answer of an Idempotency-Key has no offset or epoch.");
        }

        var outcome = stored.Fingerprint == fingerprint ? PublishOutcome.Replayed : PublishOutcome.IdempotencyKeyReused;
        return new PublishReceipt(outcome, stored.Id, stored.PublishedAt, new PublishedPosition(offset, epoch));
    }

    // The envelope always has fields, so the script's ',"offset":…}' continues a valid object.
    private static ReadOnlyMemory<byte> WithoutClosingBrace(byte[] json) => json.AsMemory(0, json.Length - 1);
}
