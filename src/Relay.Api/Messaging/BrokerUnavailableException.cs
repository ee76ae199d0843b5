namespace Relay.Api.Messaging;

/// <summary>
/// Redis could not be reached or did not confirm the PUBLISH. When <see cref="MayHaveBeenPublished"/> is false the
/// command never left the Api: the message was not published and a retry cannot duplicate it. When it is true (a
/// timeout, or a connection lost after the write) the outcome is unknown.
/// </summary>
public sealed class BrokerUnavailableException(bool mayHaveBeenPublished, Exception innerException)
    : Exception(mayHaveBeenPublished ? "Redis did not confirm the publish." : "Redis is unreachable; nothing was published.", innerException)
{
    public bool MayHaveBeenPublished { get; } = mayHaveBeenPublished;
}
