namespace Relay.Hosting;

/// <summary>One line a resource's process wrote. <see cref="IsError"/>: it came on standard error.</summary>
public sealed record ResourceLogLine(string Resource, string Instance, DateTimeOffset Timestamp, string Text, bool IsError);
