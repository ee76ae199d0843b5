namespace Relay.Hosting;

/// <summary>The lifecycle of one instance (one replica) of a resource.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Stopping,
    Exited,
    FailedToStart,
}
