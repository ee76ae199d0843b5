using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Tests.Infrastructure;

/// <summary>A test's own connection to the app's Redis, to write what the Api would not (a hole in pub/sub).</summary>
internal sealed class RedisAccess : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;

    private RedisAccess(ConnectionMultiplexer connection) => _connection = connection;

    public IDatabase Database => _connection.GetDatabase();

    public static async Task<RedisAccess> ConnectAsync(RelayApp relay)
    {
        var connectionString = await relay.GetConnectionStringAsync(ResourceNames.Redis)
            ?? throw new InvalidOperationException("The app has no Redis connection string.");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        return new RedisAccess(await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(TestTimeouts.Step));
    }

    /// <summary>
    /// Appends the channel's next message to its history exactly as the publish script would, but publishes nothing:
    /// the message exists, and no replica hears of it.
    /// </summary>
    public async Task<MessageEnvelope> AppendWithoutPublishAsync(string channel, string epoch, string text)
    {
        var offset = await Database.HashIncrementAsync(RelayKeys.Meta(channel), RelayKeys.OffsetField).WaitAsync(TestTimeouts.Step);
        var envelope = new MessageEnvelope(Guid.NewGuid().ToString("N"), channel, "tests", text, DateTimeOffset.UtcNow)
        {
            Offset = offset,
            Epoch = epoch,
        };
        var json = JsonSerializer.Serialize(envelope, ContractsJsonContext.Default.MessageEnvelope);
        await Database.StreamAddAsync(RelayKeys.Stream(channel), RelayKeys.StreamField, json, RelayKeys.StreamId(offset)).WaitAsync(TestTimeouts.Step);
        return envelope;
    }

    /// <summary>Takes the channel's next offset and writes nothing there: a hole no history can fill.</summary>
    public Task<long> SkipOffsetAsync(string channel) =>
        Database.HashIncrementAsync(RelayKeys.Meta(channel), RelayKeys.OffsetField).WaitAsync(TestTimeouts.Step);

    /// <summary>Deletes the channel's history and position, as the idle TTL (or a Redis without its data) would.</summary>
    public Task ForgetChannelAsync(string channel) =>
        Database.KeyDeleteAsync([RelayKeys.Stream(channel), RelayKeys.Meta(channel)]).WaitAsync(TestTimeouts.Step);

    /// <summary>The stored envelope JSON of the message at <paramref name="offset"/>.</summary>
    public async Task<string> ReadStoredAsync(string channel, long offset)
    {
        var id = RelayKeys.StreamId(offset);
        var entries = await Database.StreamRangeAsync(RelayKeys.Stream(channel), id, id).WaitAsync(TestTimeouts.Step);
        Assert.Single(entries);
        return entries[0][RelayKeys.StreamField].ToString();
    }

    /// <summary>Publishes <paramref name="payload"/> on the channel's pub/sub channel (sharded: Redis 7), as the publish script does.</summary>
    public Task PublishRawAsync(string channel, string payload) =>
        _connection.GetSubscriber().PublishAsync(RedisChannel.Sharded(RelayChannels.ToRedis(channel)), payload).WaitAsync(TestTimeouts.Step);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
