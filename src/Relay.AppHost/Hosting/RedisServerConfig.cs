using System.Globalization;
using System.Text;

namespace Aspire.Hosting;

/// <summary>
/// The <c>redis.conf</c> a <see cref="ApplicationModel.RedisServerResource"/> or a <see cref="ApplicationModel.RedisClusterNodeResource"/>
/// starts with, readable by its owner only.
/// </summary>
internal static class RedisServerConfig
{
    /// <param name="clusterNodeTimeoutMs">Set for a cluster node: its <c>cluster-node-timeout</c>.</param>
    public static async Task WriteAsync(
        string path, string dataDirectory, bool appendOnly, string? password, CancellationToken cancellationToken, int? clusterNodeTimeoutMs = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var config = new StringBuilder()
            .AppendLine("bind 127.0.0.1")
            .AppendLine("protected-mode yes")
            .AppendLine(CultureInfo.InvariantCulture, $"dir \"{dataDirectory}\"")
            .AppendLine("save \"\"")
            .AppendLine(appendOnly ? "appendonly yes" : "appendonly no")
            .AppendLine("appendfsync everysec");
        if (clusterNodeTimeoutMs is { } nodeTimeout)
        {
            config.AppendLine("cluster-enabled yes")
                .AppendLine(CultureInfo.InvariantCulture, $"cluster-config-file \"{Path.Combine(dataDirectory, "nodes.conf")}\"")
                .AppendLine(CultureInfo.InvariantCulture, $"cluster-node-timeout {nodeTimeout}");
        }

        if (!string.IsNullOrEmpty(password))
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"requirepass \"{password}\"");
            if (clusterNodeTimeoutMs is not null)
            {
                // A replica authenticates to its master with it.
                config.AppendLine(CultureInfo.InvariantCulture, $"masterauth \"{password}\"");
            }
        }

        // Created owner-only before the password is written into it.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(config, cancellationToken);
    }
}
