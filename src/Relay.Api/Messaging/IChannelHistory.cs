namespace Relay.Api.Messaging;

/// <summary>
/// Reads what <see cref="IMessagePublisher"/> appended: each channel's last messages (about <c>History:Size</c>) with
/// its current position, read together in one atomic step, so the position and the messages always agree.
/// </summary>
public interface IChannelHistory
{
    /// <summary>
    /// The <paramref name="limit"/> latest messages of <paramref name="channel"/> when <paramref name="since"/> is null,
    /// else the first <paramref name="limit"/> with an offset above it; oldest first either way.
    /// </summary>
    /// <exception cref="HistoryUnavailableException">Redis is unreachable or did not answer in time.</exception>
    Task<ChannelHistoryPage> ReadAsync(string channel, long? since, int limit, CancellationToken cancellationToken);
}
