using System.Diagnostics.Metrics;
using Relay.Api.Flow;
using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>The Api's instruments (docs/telemetry.md), under the <c>Relay.Api</c> meter that ServiceDefaults exports.</summary>
internal sealed class ApiMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly ApiFlowFigures _flow;

    public ApiMetrics(IMeterFactory meterFactory, ApiFlowFigures flow)
    {
        _flow = flow;
        var meter = meterFactory.Create(ApiTelemetry.MeterName);
        _published = meter.CreateCounter<long>(
            RelayInstruments.MessagesPublished, "{message}", "Messages Redis accepted for publishing.");
        _publishFailures = meter.CreateCounter<long>(
            RelayInstruments.PublishFailures, "{message}", "Messages that could not be published.");
    }

    // No channel tag: channel names are user input, and one series per channel would grow without bound.
    public void Published()
    {
        _published.Add(1);
        _flow.Published();
    }

    /// <summary><c>error.type</c> is the exception's type name: few distinct values, as the convention asks.</summary>
    public void PublishFailed(Exception exception)
    {
        _publishFailures.Add(1, new KeyValuePair<string, object?>(ApiTelemetry.ErrorTypeTag, exception.GetType().FullName));
        _flow.Failed();
    }
}
