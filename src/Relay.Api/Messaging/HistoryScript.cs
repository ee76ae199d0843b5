using System.Globalization;
using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>Reads a channel's position and a range of its history in one read-only Lua script, so both agree.</summary>
internal static class HistoryScript
{
    // KEYS: stream, meta. ARGV: since ('' for the latest), count, byte budget.
    // Answers: epoch, last offset, id of the oldest entry kept, then the envelopes oldest first. The envelopes stop
    // once the budget is spent (at least one is given): from since on, the newest are left out; for the latest, the oldest.
    private const string Script = $$"""
        local position = redis.call('HMGET', KEYS[2], '{{RelayKeys.EpochField}}', '{{RelayKeys.OffsetField}}')
        local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
        local result = {position[1], position[2], oldest[1] and oldest[1][1] or false}
        local budget = tonumber(ARGV[3])
        local entries
        if ARGV[1] == '' then
          entries = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[2])
        else
          entries = redis.call('XRANGE', KEYS[1], '(0-' .. ARGV[1], '+', 'COUNT', ARGV[2])
        end
        local picked, spent, full = {}, 0, false
        for i = 1, #entries do
          local fields = entries[i][2]
          for j = 1, #fields, 2 do
            if fields[j] == '{{RelayKeys.StreamField}}' then
              local payload = fields[j + 1]
              if #picked > 0 and spent + #payload > budget then
                full = true
              else
                spent = spent + #payload
                picked[#picked + 1] = payload
              end
            end
          end
          if full then
            break
          end
        end
        local first, last, step = 1, #picked, 1
        if ARGV[1] == '' then
          first, last, step = #picked, 1, -1
        end
        for i = first, last, step do
          result[#result + 1] = picked[i]
        end
        return result
        """;

    /// <summary>
    /// The most envelope bytes one answer carries (about 48 messages of 64 KiB data): a page of 1,000 binary messages
    /// would otherwise be ~87 MB. A reader pages on with <c>since</c> = the last offset it got.
    /// </summary>
    public const int MaxPageBytes = 4 * 1024 * 1024;

    private const int Header = 3;

    public static Task<RedisResult> RunAsync(IDatabase database, string channel, long? since, int limit) =>
        database.ScriptEvaluateAsync(
            Script,
            [RelayKeys.Stream(channel), RelayKeys.Meta(channel)],
            [since?.ToString(CultureInfo.InvariantCulture) ?? "", limit, MaxPageBytes]);

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
