namespace Relay.Dashboard;

/// <summary>One line a resource instance wrote to stdout or stderr.</summary>
public sealed record ConsoleLogLine(string Instance, DateTimeOffset Timestamp, bool IsError, string Text);
