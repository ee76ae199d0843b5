namespace Relay.Hosting;

/// <summary>
/// An expected failure of the app (a port taken, redis-server missing, a dependency that never got
/// healthy): its message is meant for the user as is, without a stack trace.
/// </summary>
public sealed class DistributedApplicationException(string message) : Exception(message);
