namespace Relay.Api.Messaging;

/// <summary>Redis could not be reached or did not answer in time: the history could not be read. Reading again is safe.</summary>
public sealed class HistoryUnavailableException(Exception innerException)
    : Exception("Redis is unreachable; the history could not be read.", innerException);
