using System.Globalization;
using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>Reads a channel's position and a range of its history in one read-only Lua script, so both agree.</summary>
internal static class HistoryScript
{
    // KEYS: stream, meta. ARGV: since ('' for the latest), count.
    // Answers: epoch, last offset, id of the oldest entry kept, then the envelopes oldest first.
    private const string Script = $$"""
        local position = redis.call('HMGET', KEYS[2], '{{RelayKeys.EpochField}}', '{{RelayKeys.OffsetField}}')
        local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
        local result = {position[1], position[2], oldest[1] and oldest[1][1] or false}
        local entries, first, last, step
        if ARGV[1] == '' then
          entries = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[2])
          first, last, step = #entries, 1, -1
        else
          entries = redis.call('XRANGE', KEYS[1], '(0-' .. ARGV[1], '+', 'COUNT', ARGV[2])
          first, last, step = 1, #entries, 1
        end
        for i = first, last, step do
          local fields = entries[i][2]
          for j = 1, #fields, 2 do
            if fields[j] == '{{RelayKeys.StreamField}}' then
              result[#result + 1] = fields[j + 1]
            end
          end
        end
        return result
        """;

    private const int Header = 3;

    public static Task<RedisResult> RunAsync(IDatabase database, string channel, long? since, int limit) =>
        database.ScriptEvaluateAsync(
            Script,
            [RelayKeys.Stream(channel), RelayKeys.Meta(channel)],
            [since?.ToString(CultureInfo.InvariantCulture) ?? "", limit]);

    public static ChannelHistoryPage ReadPage(RedisResult result)
    {
        var parts = (RedisResult[])result!;
        var epoch = (string?)parts[0];
        var lastOffset = parts[1].IsNull ? 0 : (long)parts[1];
        var oldest = (string?)parts[2];
        long? firstKept = oldest is null ? null : long.Parse(oldest.AsSpan(oldest.IndexOf('-') + 1), CultureInfo.InvariantCulture);

        var messages = new MessageEnvelope[parts.Length - Header];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = JsonSerializer.Deserialize((byte[])parts[Header + i]!, ContractsJsonContext.Default.MessageEnvelope)
                ?? throw new InvalidDataException("A history entry is JSON null.");
        }

        return new ChannelHistoryPage(epoch, lastOffset, firstKept, messages);
    }
}
