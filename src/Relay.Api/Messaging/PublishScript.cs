using System.Text.Json;
using Relay.Api.Options;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>
/// Appends a batch of messages of one channel to its history and publishes them, in one atomic Lua script
/// (docs/guarantees.md): per channel, offset order is publish order; every message is in the stream before it is on
/// pub/sub; offsets run 1, 2, 3 … without holes within an epoch. With an <c>Idempotency-Key</c>, checking it,
/// publishing and storing the answer are one step, so two concurrent requests with one key publish once, in one
/// batch or in two.
/// </summary>
internal static class PublishScript
{
    // KEYS: stream, meta, then the idempotency key of each keyed message, in batch order.
    // ARGV: history size, idle TTL (ms), pub/sub channel, idempotency window (s), then three per message: the envelope
    // JSON without its final '}', '1' when keyed (else '0'), the stored answer JSON without its final '}' (or '').
    // The epoch is Redis's clock in microseconds, hex. A channel whose position is gone (data lost, idle past the TTL)
    // starts a new epoch at offset 1 and drops any stream left without its position. A channel whose epoch another
    // master wrote, of which this one is the promoted replica (its replication id's predecessor), starts a new epoch
    // that continues the offsets: asynchronous replication may have lost the old master's last offsets, which
    // subscribers saw, and the offsets given again must not pass for those (docs/guarantees.md, "Failover"). Moved
    // here with its slot, the channel only takes this master as its writer. One publish per message, sharded from
    // Redis 7: a replica's payload is exactly its history entry.
    private const string Script = RedisPubSub.LuaPublishCommand + $$"""
        local function newEpoch()
          local now = redis.call('TIME')
          return string.format('%x', tonumber(now[1]) * 1000000 + tonumber(now[2]))
        end
        local function currentEpoch()
          local meta = redis.call('HMGET', KEYS[2], '{{RelayKeys.EpochField}}', '{{RelayKeys.WriterField}}')
          local replication = redis.call('INFO', 'replication')
          local writer = string.match(replication, 'master_replid:(%x+)')
          if not meta[1] then
            redis.call('DEL', KEYS[1])
            local epoch = newEpoch()
            redis.call('HSET', KEYS[2], '{{RelayKeys.EpochField}}', epoch, '{{RelayKeys.OffsetField}}', 0,
              '{{RelayKeys.StartField}}', 1, '{{RelayKeys.WriterField}}', writer)
            return epoch
          end
          if meta[2] == writer then
            return meta[1]
          end
          if meta[2] and meta[2] == string.match(replication, 'master_replid2:(%x+)') then
            local epoch = newEpoch()
            local next = redis.call('HINCRBY', KEYS[2], '{{RelayKeys.OffsetField}}', 0) + 1
            redis.call('HSET', KEYS[2], '{{RelayKeys.EpochField}}', epoch, '{{RelayKeys.StartField}}', next, '{{RelayKeys.WriterField}}', writer)
            return epoch
          end
          redis.call('HSET', KEYS[2], '{{RelayKeys.WriterField}}', writer)
          return meta[1]
        end
        local epoch
        local nextKey = 3
        local results = {}
        for i = 5, #ARGV, 3 do
          local idempotency
          if ARGV[i + 1] == '1' then
            idempotency = KEYS[nextKey]
            nextKey = nextKey + 1
          end
          local stored = idempotency and redis.call('GET', idempotency)
          if stored then
            results[#results + 1] = {'replayed', stored}
          else
            epoch = epoch or currentEpoch()
            local offset = redis.call('HINCRBY', KEYS[2], '{{RelayKeys.OffsetField}}', 1)
            local position = string.format(',"offset":%d,"epoch":"%s"}', offset, epoch)
            local payload = ARGV[i] .. position
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], string.format('0-%d', offset), '{{RelayKeys.StreamField}}', payload)
            redis.call(publish, ARGV[3], payload)
            if idempotency then
              redis.call('SET', idempotency, ARGV[i + 2] .. position, 'EX', ARGV[4])
            end
            results[#results + 1] = {'published', offset, epoch}
          end
        end
        if epoch then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          redis.call('PEXPIRE', KEYS[2], ARGV[2])
        end
        return results
        """;

    private const string Published = "published";

    private static readonly RedisValue s_keyed = "1";
    private static readonly RedisValue s_notKeyed = "0";
    private static readonly RedisValue s_idempotencyWindow = (long)HistoryLimits.IdempotencyWindow.TotalSeconds;

    /// <summary>Serializes what the script needs of one publish.</summary>
    public static PendingPublish Prepare(MessageEnvelope envelope, IdempotencyKey? idempotencyKey, string? fingerprint, System.Diagnostics.Activity? activity)
    {
        var json = WithoutClosingBrace(JsonSerializer.SerializeToUtf8Bytes(envelope, ContractsJsonContext.Default.MessageEnvelope));
        var answer = idempotencyKey is null
            ? ReadOnlyMemory<byte>.Empty
            : WithoutClosingBrace(JsonSerializer.SerializeToUtf8Bytes(
                new StoredPublishAnswer(fingerprint!, envelope.Id, envelope.Channel, envelope.PublishedAt),
                MessagingJsonContext.Default.StoredPublishAnswer));
        return new PendingPublish(envelope, json, idempotencyKey?.RedisKey, fingerprint, answer, activity);
    }

    // The script text goes once per connection; after that EVALSHA, and StackExchange.Redis sends the text again by
    // itself when Redis answers NOSCRIPT (a restarted or flushed Redis).
    /// <summary>Runs the script for <paramref name="batch"/>, publishes of one channel; one result per publish, in order.</summary>
    public static async Task<RedisResult[]> RunAsync(IDatabase database, string channel, IReadOnlyList<PendingPublish> batch, HistoryOptions history)
    {
        var keys = new List<RedisKey>(2 + batch.Count) { RelayKeys.Stream(channel), RelayKeys.Meta(channel) };
        var values = new RedisValue[4 + (3 * batch.Count)];
        values[0] = history.Size;
        values[1] = (long)history.IdleTtl.TotalMilliseconds;
        values[2] = RelayChannels.ToRedis(channel);
        values[3] = s_idempotencyWindow;
        for (var i = 0; i < batch.Count; i++)
        {
            var publish = batch[i];
            values[4 + (3 * i)] = publish.EnvelopeJson;
            values[5 + (3 * i)] = publish.IdempotencyRedisKey is null ? s_notKeyed : s_keyed;
            values[6 + (3 * i)] = publish.StoredAnswerJson;
            if (publish.IdempotencyRedisKey is { } key)
            {
                keys.Add(key);
            }
        }

        var result = await database.ScriptEvaluateAsync(Script, [.. keys], values);
        var results = (RedisResult[])result!;
        return results.Length == batch.Count
            ? results
            : throw new InvalidDataException($"The publish script answered {results.Length} results for {batch.Count} messages.");
    }

    /// <summary>Reads the script's answer for one publish.</summary>
    public static PublishReceipt ReadReceipt(RedisResult result, PendingPublish publish)
    {
        var parts = (RedisResult[])result!;
        var envelope = publish.Envelope;
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

        var outcome = stored.Fingerprint == publish.Fingerprint ? PublishOutcome.Replayed : PublishOutcome.IdempotencyKeyReused;
        return new PublishReceipt(outcome, stored.Id, stored.PublishedAt, new PublishedPosition(offset, epoch));
    }

    // The envelope always has fields, so the script's ',"offset":…}' continues a valid object.
    private static ReadOnlyMemory<byte> WithoutClosingBrace(byte[] json) => json.AsMemory(0, json.Length - 1);
}
