using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>Reads the streams <see cref="PublishScript"/> appends to, with <see cref="HistoryScript"/>.</summary>
internal sealed class RedisChannelHistory(IConnectionMultiplexer redis, ILogger<RedisChannelHistory> logger) : IChannelHistory
{
    private readonly IDatabase _database = redis.GetDatabase();

    public async Task<ChannelHistoryPage> ReadAsync(string channel, long? since, int limit, CancellationToken cancellationToken)
    {
        try
        {
            // Redis cannot cancel a script; an aborted request just stops waiting for it.
            var result = await HistoryScript.RunAsync(_database, channel, since, limit).WaitAsync(cancellationToken);
            return HistoryScript.ReadPage(result);
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            // Per request at Debug: the health check and the publish path already report an outage.
            Log.HistoryReadFailed(logger, channel, ex.Message);
            throw new HistoryUnavailableException(ex);
        }
    }
}
