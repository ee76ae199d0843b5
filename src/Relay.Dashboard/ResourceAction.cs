namespace Relay.Dashboard;

/// <summary>A command the dashboard asks the hosting engine to run on a resource.</summary>
public enum ResourceAction
{
    Start,
    Stop,
    Restart,
}
