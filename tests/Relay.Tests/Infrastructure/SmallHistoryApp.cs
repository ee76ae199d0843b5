using Xunit.Sdk;

namespace Relay.Tests.Infrastructure;

/// <summary>The whole app with a history of 10 messages per channel (the Api's <c>History:Size</c>), to reach its end quickly.</summary>
public sealed class SmallHistoryApp(IMessageSink diagnostics) : RelayApp(diagnostics)
{
    public const int HistorySize = 10;

    protected override IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = new Dictionary<string, string>
    {
        ["History__Size"] = "10",
    };
}
