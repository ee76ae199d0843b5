namespace Relay.Dashboard.Storage;

/// <summary>
/// What telemetry is grouped and bounded by: the OTLP resource's <c>service.name</c> and
/// <c>service.instance.id</c>, so each replica of a service has its own budget.
/// </summary>
internal readonly record struct ResourceKey(string Service, string Instance)
{
    /// <summary>An empty filter matches everything; otherwise the service or the instance name must match.</summary>
    public bool Matches(string? filter) =>
        string.IsNullOrEmpty(filter)
        || string.Equals(Service, filter, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Instance, filter, StringComparison.OrdinalIgnoreCase);
}
