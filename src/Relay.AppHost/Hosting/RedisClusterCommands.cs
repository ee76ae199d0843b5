using System.Globalization;
using StackExchange.Redis;

namespace Aspire.Hosting;

/// <summary>The few <c>CLUSTER</c> replies the AppHost reads, parsed.</summary>
internal static class RedisClusterCommands
{
    public const int SlotCount = 16384;

    /// <summary><c>CLUSTER INFO</c> as its <c>field:value</c> lines.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> InfoAsync(IServer server)
    {
        var text = (string?)await server.ExecuteAsync("CLUSTER", "INFO").ConfigureAwait(false) ?? "";
        return text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    public static int Number(this IReadOnlyDictionary<string, string> info, string field) =>
        info.TryGetValue(field, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    public static bool IsOk(this IReadOnlyDictionary<string, string> info) => info.GetValueOrDefault("cluster_state") == "ok";

    public static async Task<string> MyIdAsync(IServer server) =>
        (string?)await server.ExecuteAsync("CLUSTER", "MYID").ConfigureAwait(false) ?? throw new InvalidOperationException("CLUSTER MYID answered nothing.");

    /// <summary>
    /// Whether the node sees every other node at its current port, connected and with no failure flag: after a restart,
    /// its <c>nodes.conf</c> still names the ports of the last run.
    /// </summary>
    public static async Task<bool> SeesAllAsync(IServer server, IReadOnlySet<int> ports)
    {
        var text = (string?)await server.ExecuteAsync("CLUSTER", "NODES").ConfigureAwait(false) ?? "";
        var others = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length >= 8 && !fields[2].Contains("myself", StringComparison.Ordinal))
            .ToList();
        return others.Count == ports.Count - 1 && others.All(fields =>
            ports.Contains(PortOf(fields[1]))
            && fields[7] == "connected"
            && !fields[2].Split(',').Any(flag => flag is "fail" or "fail?" or "handshake" or "noaddr"));
    }

    /// <summary>The client port of a <c>CLUSTER NODES</c> address, <c>ip:port@cport[,hostname]</c>.</summary>
    public static int PortOf(string address)
    {
        var hostPort = address.Split('@')[0];
        return int.TryParse(hostPort[(hostPort.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : 0;
    }
}
