namespace Relay.Api.Messaging;

/// <summary>
/// The broker could not be reached: the message was not published (or, after a timeout, Redis had not confirmed
/// it when the wait ended). The caller may retry.
/// </summary>
public sealed class BrokerUnavailableException(string message, Exception innerException) : Exception(message, innerException);
