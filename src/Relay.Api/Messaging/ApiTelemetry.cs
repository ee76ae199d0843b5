using System.Diagnostics;

namespace Relay.Api.Messaging;

/// <summary>The Api's own telemetry names; ServiceDefaults exports every source named <c>Relay.*</c>.</summary>
internal static class ApiTelemetry
{
    public const string ActivitySourceName = "Relay.Api";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}
