using System.Diagnostics;

namespace Relay.Api.Messaging;

/// <summary>The Api's own telemetry names; ServiceDefaults exports every source and meter named <c>Relay.*</c>.</summary>
internal static class ApiTelemetry
{
    public const string ActivitySourceName = "Relay.Api";
    public const string MeterName = "Relay.Api";

    // OpenTelemetry semantic convention; the messaging ones are in Relay.Contracts.MessagingTags.
    public const string ErrorTypeTag = "error.type";

    // Relay's own: Published, Replayed or IdempotencyKeyReused (a repeated Idempotency-Key publishes nothing).
    public const string PublishOutcomeTag = "relay.publish.outcome";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}
