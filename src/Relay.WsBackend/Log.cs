using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Relay.WsBackend;

/// <summary>WsBackend's log messages. Nothing here is logged per message at Information or above.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Following channels with {Mode} Redis pub/sub; StackExchange.Redis re-issues the subscriptions on every (re)connect, failover and slot move")]
    public static partial void PubSubMode(ILogger logger, string mode);

    [LoggerMessage(37, LogLevel.Debug, "Resync requested: {Cause}")]
    public static partial void ResyncRequested(ILogger logger, string cause);

    [LoggerMessage(2, LogLevel.Warning, "Redis connection failed ({ConnectionType} {EndPoint}, {FailureType}): {Reason}. Messages published until it is restored come from the history once it is")]
    public static partial void RedisConnectionFailed(ILogger logger, ConnectionType connectionType, string? endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(3, LogLevel.Information, "Redis connection restored ({ConnectionType} {EndPoint})")]
    public static partial void RedisConnectionRestored(ILogger logger, ConnectionType connectionType, string? endPoint);

    [LoggerMessage(4, LogLevel.Error, "Handling a Redis message failed; the subscription goes on")]
    public static partial void MessageHandlingFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Dropped a malformed envelope on channel {Channel}: {Reason}")]
    public static partial void MalformedEnvelope(ILogger logger, string channel, string? reason);

    [LoggerMessage(7, LogLevel.Warning, "Unsubscribing from Redis failed")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "A Redis connection event handler failed")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "WebSocket opened, following {ChannelCount} channel(s)")]
    public static partial void ConnectionOpened(ILogger logger, int channelCount);

    [LoggerMessage(11, LogLevel.Debug, "WebSocket ended (close status {CloseStatus})")]
    public static partial void ConnectionClosed(ILogger logger, int? closeStatus);

    [LoggerMessage(12, LogLevel.Information, "Closing a slow consumer with 4008: its send queue passed {SendQueueLimitBytes} bytes")]
    public static partial void SlowConsumer(ILogger logger, int sendQueueLimitBytes);

    [LoggerMessage(13, LogLevel.Debug, "Sending to a WebSocket failed; the connection ends")]
    public static partial void SendFailed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Debug, "WebSocket receive ended: {Reason}")]
    public static partial void ReceiveEnded(ILogger logger, string reason);

    [LoggerMessage(15, LogLevel.Warning, "WebSocket receive loop failed")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(16, LogLevel.Debug, "Refused a client frame: {Reason}")]
    public static partial void FrameRefused(ILogger logger, string reason);

    [LoggerMessage(17, LogLevel.Debug, "Closing a WebSocket with {CloseStatus} did not complete; aborted it")]
    public static partial void CloseFailed(ILogger logger, int closeStatus, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Queueing a frame on a WebSocket failed")]
    public static partial void EnqueueFailed(ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Warning, "Refused a WebSocket upgrade: this replica holds its maximum of {MaxConnections} connections")]
    public static partial void ConnectionLimitReached(ILogger logger, int maxConnections);

    [LoggerMessage(20, LogLevel.Information, "Shutting down: closing {Count} WebSocket(s) with 1012")]
    public static partial void ClosingAllConnections(ILogger logger, int count);

    [LoggerMessage(21, LogLevel.Warning, "{Count} WebSocket(s) had not closed when the close timeout passed")]
    public static partial void ConnectionsLeftOpen(ILogger logger, int count);

    [LoggerMessage(22, LogLevel.Warning, "Channel {Channel}: its history is unreadable ({Reason}); subscribers get it live without recovery")]
    public static partial void HistoryUnavailable(ILogger logger, string channel, string reason);

    [LoggerMessage(23, LogLevel.Debug, "Channel {Channel}: skipped offset {Offset}, already delivered")]
    public static partial void DuplicateSkipped(ILogger logger, string channel, long offset);

    [LoggerMessage(24, LogLevel.Warning, "Channel {Channel}: epoch {OldEpoch} became {NewEpoch}; Redis lost the history before it")]
    public static partial void EpochChanged(ILogger logger, string channel, string oldEpoch, string newEpoch);

    [LoggerMessage(25, LogLevel.Information, "Channel {Channel}: repaired {Count} message(s) pub/sub had lost, from the history")]
    public static partial void GapRepaired(ILogger logger, string channel, int count);

    [LoggerMessage(26, LogLevel.Warning, "Channel {Channel}: repairing offsets after {LastOffset} up to {Through} failed: {Reason}")]
    public static partial void GapRepairFailed(ILogger logger, string channel, long lastOffset, long through, string reason);

    [LoggerMessage(27, LogLevel.Warning, "Channel {Channel}: messages up to offset {Offset} of epoch {Epoch} are lost for this replica's subscribers; told them")]
    public static partial void MessagesLost(ILogger logger, string channel, string epoch, long offset);

    [LoggerMessage(28, LogLevel.Warning, "Resync after the Redis reconnect failed: {Reason}")]
    public static partial void ResyncFailed(ILogger logger, string reason);

    [LoggerMessage(29, LogLevel.Warning, "Dropped history entry {EntryId} of channel {Channel}: {Reason}")]
    public static partial void MalformedHistoryEntry(ILogger logger, string channel, string entryId, string? reason);

    [LoggerMessage(30, LogLevel.Information, "Channel {Channel}: a replay of {Count} message(s) passes {BudgetBytes} bytes; subscribed without recovery")]
    public static partial void ReplayTooLarge(ILogger logger, string channel, long count, int budgetBytes);

    [LoggerMessage(31, LogLevel.Error, "Delivery work {Work} failed; the delivery loop goes on")]
    public static partial void DeliveryWorkFailed(ILogger logger, string work, Exception exception);

    [LoggerMessage(32, LogLevel.Warning, "The delivery loop did not finish its queue before the host's stop timeout; abandoned it")]
    public static partial void DeliveryLoopAbandoned(ILogger logger);

    [LoggerMessage(33, LogLevel.Warning, "Channel {Channel}: dropped offset {Offset} of epoch {Epoch}, older than the channel's epoch {CurrentEpoch}")]
    public static partial void OlderEpochDropped(ILogger logger, string channel, long offset, string epoch, string currentEpoch);

    [LoggerMessage(34, LogLevel.Debug, "Channel {Channel}: held back offset {Offset} until the history repair succeeds; it comes from the history then")]
    public static partial void HeldForRepair(ILogger logger, string channel, long offset);

    [LoggerMessage(35, LogLevel.Debug, "Resyncing with Redis again in {Delay}")]
    public static partial void ResyncRetryArmed(ILogger logger, TimeSpan delay);

    [LoggerMessage(36, LogLevel.Warning, "Channel {Channel}: Redis went back from offset {LastOffset} to {Offset} of epoch {Epoch} (it lost its last writes); the offsets after it will be reused")]
    public static partial void OffsetsRolledBack(ILogger logger, string channel, string epoch, long lastOffset, long offset);
}
