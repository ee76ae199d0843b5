namespace Relay.Dashboard.Storage;

/// <summary>The span kinds and status codes as the query API spells them; shared instances, so spans hold no copies.</summary>
internal static class SpanKinds
{
    public const string Internal = "internal";
    public const string Server = "server";
    public const string Client = "client";
    public const string Producer = "producer";
    public const string Consumer = "consumer";

    public const string StatusUnset = "unset";
    public const string StatusOk = "ok";
    public const string StatusError = "error";
}
