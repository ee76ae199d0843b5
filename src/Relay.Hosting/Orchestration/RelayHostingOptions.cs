using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Relay.Hosting.Orchestration;

/// <summary>The engine's settings, from the <c>Relay</c> section of the AppHost's configuration.</summary>
internal sealed class RelayHostingOptions
{
    public const string SectionName = "Relay";
    public const string WaitTimeoutKey = SectionName + ":WaitTimeoutSeconds";
    public const string StopTimeoutKey = SectionName + ":StopTimeoutSeconds";
    public const string StateDirectoryKey = SectionName + ":StateDirectory";
    public const string PortsSectionName = "Ports";

    /// <summary>How long a WaitFor, or an instance's own first health check, may take.</summary>
    public TimeSpan WaitTimeout { get; private init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopped process gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopTimeout { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>Run mode: where logs and Redis data go, absolute.</summary>
    public string StateDirectory { get; private init; } = "";

    /// <summary>Reads and validates the settings; every error names its configuration key.</summary>
    public static RelayHostingOptions Read(IConfiguration configuration)
    {
        List<string> errors = [];
        var waitTimeout = ReadSeconds(configuration, WaitTimeoutKey, 60, errors);
        var stopTimeout = ReadSeconds(configuration, StopTimeoutKey, 5, errors);
        var stateDirectory = configuration[StateDirectoryKey] is { Length: > 0 } configured ? configured : ".relay";

        if (errors.Count > 0)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, errors));
        }

        return new RelayHostingOptions
        {
            WaitTimeout = waitTimeout,
            StopTimeout = stopTimeout,
            StateDirectory = Path.GetFullPath(stateDirectory),
        };
    }

    /// <summary>The port configured for a resource with <c>Ports:&lt;name&gt;</c>, if any.</summary>
    public static int? ReadPort(IConfiguration configuration, string resource)
    {
        var key = $"{PortsSectionName}:{resource}";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new DistributedApplicationException($"{key} must be a port number from 1 to 65535, not '{value}'.");
    }

    private static TimeSpan ReadSeconds(IConfiguration configuration, string key, int defaultSeconds, List<string> errors)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return TimeSpan.FromSeconds(defaultSeconds);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add($"{key} must be a number of seconds above 0 and at most 3600, not '{value}'.");
        return TimeSpan.Zero;
    }
}
