namespace Relay.Dashboard.Storage;

internal sealed record StoredSpanEvent(string Name, long TimeUnixNano, KeyValuePair<string, string>[] Attributes);
