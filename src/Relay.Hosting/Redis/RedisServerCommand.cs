using Relay.Hosting.Processes;

namespace Relay.Hosting.Redis;

/// <summary>How redis-server is started: loopback only, a password, no RDB snapshots.</summary>
internal static class RedisServerCommand
{
    public const string ExecutableName = "redis-server";

    public const string NotFoundMessage =
        "redis-server was not found on PATH. Install it with 'sudo apt-get install redis-server', " +
        "or point Relay at an existing Redis with ConnectionStrings__redis=host:port,password=...";

    /// <param name="dataDirectory">Run mode: the append-only file goes there. Null under the test host: nothing is kept.</param>
    public static ProcessCommand Create(string executable, int port, string password, string? dataDirectory)
    {
        List<string> arguments =
        [
            "--bind", "127.0.0.1",
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--requirepass", password,
            "--protected-mode", "yes",
            "--save", "",
        ];

        if (dataDirectory is null)
        {
            arguments.AddRange(["--appendonly", "no"]);
        }
        else
        {
            arguments.AddRange(["--appendonly", "yes", "--appendfsync", "everysec", "--dir", dataDirectory]);
        }

        return new ProcessCommand(executable, arguments, dataDirectory ?? Path.GetTempPath(), new Dictionary<string, string>());
    }
}
