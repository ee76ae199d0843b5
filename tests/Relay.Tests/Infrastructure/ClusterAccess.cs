using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// A test's own hand on the app's Redis Cluster (<see cref="Cluster.ClusterApp"/>): which node owns a channel, killing a
/// node, waiting for its failover, moving a slot while traffic flows. The nodes come from the app's model, the password
/// from its connection string. Every command and every wait is bounded.
/// </summary>
internal sealed class ClusterAccess : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly ConnectionMultiplexer _connection;
    private readonly string _password;
    private readonly Dictionary<RedisClusterNode, IReadOnlyList<RedisClusterNode>> _replicasWhenKilled = [];

    private ClusterAccess(DistributedApplication app, ConnectionMultiplexer connection, string password, IReadOnlyList<RedisClusterNode> nodes)
    {
        _app = app;
        _connection = connection;
        _password = password;
        Nodes = nodes;
    }

    /// <summary>Every node, <c>redis-node-1</c> first.</summary>
    public IReadOnlyList<RedisClusterNode> Nodes { get; }

    public static Task<ClusterAccess> ConnectAsync(RelayApp relay) => ConnectAsync(relay.App);

    public static async Task<ClusterAccess> ConnectAsync(DistributedApplication app)
    {
        var connectionString = await app.GetConnectionStringAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Step))
            ?? throw new InvalidOperationException("The app has no Redis connection string.");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = false;
        var cluster = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RedisClusterResource>().Single();
        var nodes = cluster.Nodes.Select(node => new RedisClusterNode(node.Name, node.PrimaryEndpoint.Port)).ToList();
        var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(TestTimeouts.Step);
        return new ClusterAccess(app, connection, options.Password!, nodes);
    }

    /// <summary>
    /// The slot of the channel's keys and pub/sub channels: that of their hash tag, the channel name
    /// (<see cref="RelayKeys.ChannelPrefix"/>; a channel name has no braces), CRC16/XMODEM mod 16384 as Redis computes it.
    /// </summary>
    public static int SlotOf(string channel)
    {
        var crc = 0;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(channel))
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return crc & 0x3FFF;
    }

    /// <summary>The masters that own slots, as a node that reports <c>cluster_state:ok</c> sees them.</summary>
    public async Task<IReadOnlyList<RedisClusterNode>> MastersAsync() =>
        [.. (await ViewAsync()).Where(line => line.IsLiveMaster && line.Slots.Count > 0).Select(line => line.Node!)];

    public async Task<RedisClusterNode> MasterOfAsync(int slot) =>
        (await ViewAsync()).SingleOrDefault(line => line.IsLiveMaster && line.Owns(slot))?.Node
            ?? throw new InvalidOperationException($"No live master owns slot {slot}.");

    /// <summary>A live replica of <paramref name="master"/>.</summary>
    public async Task<RedisClusterNode> ReplicaOfAsync(RedisClusterNode master) =>
        (await ReplicasOfAsync(master)).FirstOrDefault() ?? throw new InvalidOperationException($"{master} has no live replica.");

    public Task<IReadOnlyDictionary<string, string>> InfoAsync(RedisClusterNode node) => InfoAsync(Server(node));

    /// <summary>The node's id (<c>CLUSTER MYID</c>), which it keeps in its <c>nodes.conf</c> across restarts.</summary>
    public async Task<string> IdOfAsync(RedisClusterNode node) =>
        (string?)await Server(node).ExecuteAsync("CLUSTER", "MYID").WaitAsync(TestTimeouts.Step) ?? "";

    /// <summary>SIGKILLs the node's <c>redis-server</c>; returns once the AppHost reports it down. It stays down (no restart on crash).</summary>
    public async Task KillAsync(RedisClusterNode node)
    {
        // Its replicas, for WaitForFailoverAsync: once one is promoted, no node names them as the dead one's any more.
        _replicasWhenKilled[node] = await ReplicasOfAsync(node);
        using (var process = Process.GetProcessById(ProcessIdOf(node)))
        {
            process.Kill();
        }

        await _app.ResourceNotifications.WaitForResourceAsync(node.Resource, KnownResourceStates.TerminalStates, TestTimeouts.After(TestTimeouts.Recovery));
    }

    /// <summary>
    /// Brings the node back, the dashboard's Start when it is down (Restart when it runs), and waits, within
    /// <paramref name="timeout"/>, until it has rejoined: every node ok and seeing every other. A former master rejoins
    /// as a replica of the node that took its place.
    /// </summary>
    public async Task RestartAsync(RedisClusterNode node, TimeSpan timeout)
    {
        Assert.True(_app.ResourceNotifications.TryGetCurrentState(node.Resource, out var current), $"{node} is not known.");
        var before = ProcessIdOrNull(node);
        var down = current.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state);
        var command = down ? KnownResourceCommands.StartCommand : KnownResourceCommands.RestartCommand;
        var result = await _app.ResourceCommands.ExecuteCommandAsync(current.ResourceId, command, TestTimeouts.After(TestTimeouts.Step));
        Assert.True(result.Success, $"{command} on {node} failed: {result.Message}");
        await _app.ResourceNotifications.WaitForResourceAsync(
            node.Resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && ProcessIdOf(e.Snapshot) is { } pid && pid != before,
            TestTimeouts.After(timeout));
        await WaitForAllOkAsync(timeout);
    }

    /// <summary>How many clients follow <paramref name="shardChannel"/> with <c>SSUBSCRIBE</c> on the node (<c>PUBSUB SHARDNUMSUB</c>).</summary>
    public async Task<int> ShardSubscribersAsync(RedisClusterNode node, string shardChannel)
    {
        var reply = (RedisResult[]?)await Server(node).ExecuteAsync("PUBSUB", "SHARDNUMSUB", shardChannel).WaitAsync(TestTimeouts.Step) ?? [];
        return reply.Length == 2 ? (int)reply[1] : 0;
    }

    /// <summary>
    /// Waits until a replica <paramref name="oldMaster"/> had (when it was killed, or now) reports role master and
    /// <c>cluster_state:ok</c>; returns that replica.
    /// </summary>
    public async Task<RedisClusterNode> WaitForFailoverAsync(RedisClusterNode oldMaster, TimeSpan timeout)
    {
        var candidates = _replicasWhenKilled.TryGetValue(oldMaster, out var known) ? known : await ReplicasOfAsync(oldMaster);
        Assert.True(candidates.Count > 0, $"{oldMaster} had no replica to take over.");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var replica in candidates)
            {
                if (await TryAsync(async () => (await Server(replica).RoleAsync()).Value == "master" && IsOk(await InfoAsync(replica))))
                {
                    return replica;
                }
            }

            Assert.True(deadline.Elapsed < timeout, $"No replica of {oldMaster} ({string.Join(", ", candidates)}) became an ok master within {timeout}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every node runs, reports <c>cluster_state:ok</c> and sees each other node connected, none failing.</summary>
    public async Task WaitForAllOkAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var ports = Nodes.Select(n => n.Port).ToHashSet();
        foreach (var node in Nodes)
        {
            while (!await TryAsync(async () => IsOk(await InfoAsync(node)) && SeesAll(await NodesTextAsync(Server(node)), ports)))
            {
                Assert.True(deadline.Elapsed < timeout, $"{node} did not see a whole, ok cluster within {timeout}.");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Reshards one slot to the master <paramref name="to"/> as <c>redis-cli --cluster reshard</c> does, keys and all,
    /// while clients keep using it (they are sent ASK, then MOVED): IMPORTING on the target, MIGRATING on the source,
    /// MIGRATE in batches, then NODE on the target, the source and the other masters.
    /// </summary>
    public async Task MoveSlotAsync(int slot, RedisClusterNode to)
    {
        var view = await ViewAsync();
        var source = view.Single(line => line.IsLiveMaster && line.Owns(slot));
        var target = view.Single(line => line.Node == to);
        Assert.True(target.IsLiveMaster, $"{to} is not a live master.");
        if (source.Id == target.Id)
        {
            return;
        }

        await Server(to).ExecuteAsync("CLUSTER", "SETSLOT", slot, "IMPORTING", source.Id).WaitAsync(TestTimeouts.Step);
        await Server(source.Node!).ExecuteAsync("CLUSTER", "SETSLOT", slot, "MIGRATING", target.Id).WaitAsync(TestTimeouts.Step);
        for (var batch = 0; ; batch++)
        {
            Assert.True(batch < 10_000, $"Slot {slot} kept gaining keys on {source.Node}.");
            var keys = (RedisKey[]?)await Server(source.Node!).ExecuteAsync("CLUSTER", "GETKEYSINSLOT", slot, 100).WaitAsync(TestTimeouts.Step) ?? [];
            if (keys.Length == 0)
            {
                break;
            }

            object[] migrate = ["127.0.0.1", to.Port, "", 0, 5000, "AUTH", _password, "KEYS", .. keys.Select(key => (object)key)];
            await Server(source.Node!).ExecuteAsync("MIGRATE", migrate).WaitAsync(TestTimeouts.Step);
        }

        foreach (var master in view.Where(line => line.IsLiveMaster).OrderBy(line => line.Id == target.Id ? 0 : line.Id == source.Id ? 1 : 2))
        {
            await Server(master.Node!).ExecuteAsync("CLUSTER", "SETSLOT", slot, "NODE", target.Id).WaitAsync(TestTimeouts.Step);
        }

        var deadline = Stopwatch.StartNew();
        while ((await ViewAsync()).SingleOrDefault(line => line.IsLiveMaster && line.Owns(slot))?.Node != to)
        {
            Assert.True(deadline.Elapsed < TestTimeouts.Step, $"Slot {slot} is not seen on {to} within {TestTimeouts.Step}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Channel names (<c>{prefix}-{n}</c>) such that every master owns at least <paramref name="perShard"/> of them.</summary>
    public async Task<IReadOnlyList<string>> ChannelsOnEveryShardAsync(int perShard, string? prefix = null)
    {
        prefix ??= "shard-" + Guid.NewGuid().ToString("N")[..6];
        var masters = (await ViewAsync()).Where(line => line.IsLiveMaster && line.Slots.Count > 0).ToList();
        var channels = masters.ToDictionary(line => line.Id, _ => new List<string>());
        for (var n = 0; channels.Values.Any(list => list.Count < perShard); n++)
        {
            Assert.True(n < 100_000, $"No {perShard} channels per shard among 100000 names.");
            var channel = $"{prefix}-{n}";
            var slot = SlotOf(channel);
            var list = channels[masters.Single(line => line.Owns(slot)).Id];
            if (list.Count < perShard)
            {
                list.Add(channel);
            }
        }

        return [.. channels.Values.SelectMany(list => list)];
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private IServer Server(RedisClusterNode node) => _connection.GetServer(new IPEndPoint(IPAddress.Loopback, node.Port));

    private async Task<IReadOnlyList<RedisClusterNode>> ReplicasOfAsync(RedisClusterNode master)
    {
        var view = await ViewAsync();
        var id = view.Single(line => line.Node == master).Id;
        return [.. view.Where(line => line.MasterId == id && !line.IsFailing && line.Node is not null).Select(line => line.Node!)];
    }

    /// <summary><c>CLUSTER NODES</c> of the first node that reports <c>cluster_state:ok</c> (or, failing that, answers at all).</summary>
    private async Task<IReadOnlyList<NodeLine>> ViewAsync()
    {
        string? fallback = null;
        foreach (var node in Nodes)
        {
            var text = await TryAsync(() => NodesTextAsync(Server(node)));
            if (text is null)
            {
                continue;
            }

            if (await TryAsync(async () => IsOk(await InfoAsync(node))))
            {
                return Parse(text);
            }

            fallback ??= text;
        }

        return Parse(fallback ?? throw new InvalidOperationException("No node of the cluster answers."));
    }

    private IReadOnlyList<NodeLine> Parse(string text) =>
        [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).Select(fields => new NodeLine(
            fields[0],
            Nodes.FirstOrDefault(node => node.Port == PortOf(fields[1])),
            fields[2].Split(','),
            fields[3],
            [.. fields.Skip(8).Where(range => !range.StartsWith('[')).Select(ParseRange)]))];

    private static (int First, int Last) ParseRange(string range)
    {
        var parts = range.Split('-');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[^1], CultureInfo.InvariantCulture));
    }

    private static int PortOf(string address)
    {
        var hostPort = address.Split('@')[0];
        return int.TryParse(hostPort[(hostPort.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : 0;
    }

    private static bool SeesAll(string nodesText, IReadOnlySet<int> ports)
    {
        var others = nodesText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => !fields[2].Contains("myself", StringComparison.Ordinal))
            .ToList();
        return others.Count == ports.Count - 1 && others.All(fields =>
            ports.Contains(PortOf(fields[1])) && fields[7] == "connected"
            && !fields[2].Split(',').Any(flag => flag is "fail" or "fail?" or "handshake" or "noaddr"));
    }

    private static async Task<string> NodesTextAsync(IServer server) =>
        (string?)await server.ExecuteAsync("CLUSTER", "NODES").WaitAsync(TestTimeouts.Step) ?? "";

    private static async Task<IReadOnlyDictionary<string, string>> InfoAsync(IServer server)
    {
        var text = (string?)await server.ExecuteAsync("CLUSTER", "INFO").WaitAsync(TestTimeouts.Step) ?? "";
        return text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    private static bool IsOk(IReadOnlyDictionary<string, string> info) => info.GetValueOrDefault("cluster_state") == "ok";

    private int ProcessIdOf(RedisClusterNode node) =>
        ProcessIdOrNull(node) ?? throw new InvalidOperationException($"{node} has no process.");

    private int? ProcessIdOrNull(RedisClusterNode node) =>
        _app.ResourceNotifications.TryGetCurrentState(node.Resource, out var current) ? ProcessIdOf(current.Snapshot) : null;

    private static int? ProcessIdOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid ? Convert.ToInt32(pid, CultureInfo.InvariantCulture) : null;

    /// <summary>The answer, or the default when the node is down or does not answer in time.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> attempt)
    {
        try
        {
            return await attempt();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return default;
        }
    }

    private sealed record NodeLine(string Id, RedisClusterNode? Node, string[] Flags, string MasterId, IReadOnlyList<(int First, int Last)> Slots)
    {
        public bool IsFailing => Flags.Any(flag => flag is "fail" or "fail?" or "noaddr" or "handshake");

        public bool IsLiveMaster => Flags.Contains("master") && !IsFailing && Node is not null;

        public bool Owns(int slot) => Slots.Any(range => range.First <= slot && slot <= range.Last);
    }
}
