using Relay.Contracts;
using Relay.Tests.Infrastructure;
using Xunit.Sdk;

namespace Relay.Tests.Faults;

/// <summary>
/// The whole app for the tests that kill or stop WsBackend replicas. A crash is restarted after 1 s however many
/// came before it, so one test's kill does not slow the next test's recovery (the default doubles the backoff for
/// crashes less than a minute apart).
/// </summary>
public sealed class ReplicaFaultsApp(IMessageSink diagnostics) : RelayApp(diagnostics)
{
    protected override string[] Arguments => ["--Relay:RestartBackoffMaxSeconds=1"];

    /// <summary>Waits for Redis and every replica to be healthy: an earlier test's killed process may still be coming back.</summary>
    public async Task AllHealthyAsync()
    {
        await WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));
        await WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));
    }
}
