using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>Which Redis failures mean "not now": the command can be tried again once Redis (or its cluster) settles.</summary>
internal static class RedisFailures
{
    // Refusals a cluster answers while a shard is failing over or a slot is moving: the command did not run.
    private static readonly string[] s_clusterRefusals = ["TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN", "LOADING", "MOVED", "ASK"];

    /// <summary>Redis unreachable, slow to answer, or a cluster refusing for the moment.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException || IsClusterRefusal(exception);

    /// <summary>
    /// Whether the command may have run: not when it never left the Api, nor when a cluster refused it; maybe when it
    /// was written and the connection broke or the answer did not come in time.
    /// </summary>
    public static bool MayHaveRun(Exception exception) =>
        !IsClusterRefusal(exception)
        && ((exception as RedisConnectionException)?.CommandStatus ?? (exception as RedisTimeoutException)?.Commandstatus)
            is not (CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog);

    private static bool IsClusterRefusal(Exception exception) =>
        exception is RedisServerException { Message: var message }
        && s_clusterRefusals.Any(refusal => message.StartsWith(refusal, StringComparison.Ordinal));
}
