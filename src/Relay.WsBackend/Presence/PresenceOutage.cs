using Microsoft.Extensions.Logging;

namespace Relay.WsBackend.Presence;

/// <summary>Logs that presence cannot reach Redis once when it starts failing and once when it works again, not per call.</summary>
internal sealed class PresenceOutage(ILogger<PresenceOutage> logger)
{
    private int _failing;

    public void Failed(string reason)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            Log.RedisUnreachable(logger, reason);
        }
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            Log.RedisReachableAgain(logger);
        }
    }
}
