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
    public const string RestartBackoffKey = SectionName + ":RestartBackoffSeconds";
    public const string RestartBackoffMaxKey = SectionName + ":RestartBackoffMaxSeconds";
    public const string MaxRestartsInARowKey = SectionName + ":MaxRestartsInARow";
    public const string PortsSectionName = "Ports";

    /// <summary>How long a WaitFor, or an instance's own first health check, may take.</summary>
    public TimeSpan WaitTimeout { get; private init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopped process gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopTimeout { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>Run mode: where logs and Redis data go, absolute.</summary>
    public string StateDirectory { get; private init; } = "";

    /// <summary>How a crashed instance is restarted: 1 s, 2 s, 4 s … up to 30 s, at most 10 times in a row.</summary>
    public RestartPolicy Restarts { get; private init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 10);

    /// <summary>Reads and validates the settings; every error names its configuration key.</summary>
    public static RelayHostingOptions Read(IConfiguration configuration)
    {
        List<string> errors = [];
        var waitTimeout = ReadSeconds(configuration, WaitTimeoutKey, 60, errors);
        var stopTimeout = ReadSeconds(configuration, StopTimeoutKey, 5, errors);
        var stateDirectory = configuration[StateDirectoryKey] is { Length: > 0 } configured ? configured : ".relay";
        var restarts = ReadRestartPolicy(configuration, errors);

        if (errors.Count > 0)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, errors));
        }

        return new RelayHostingOptions
        {
            WaitTimeout = waitTimeout,
            StopTimeout = stopTimeout,
            StateDirectory = Path.GetFullPath(stateDirectory),
            Restarts = restarts,
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

    private static RestartPolicy ReadRestartPolicy(IConfiguration configuration, List<string> errors)
    {
        var initial = ReadSeconds(configuration, RestartBackoffKey, 1, errors);
        var max = ReadSeconds(configuration, RestartBackoffMaxKey, 30, errors);
        if (initial > TimeSpan.Zero && max > TimeSpan.Zero && max < initial)
        {
            errors.Add($"{RestartBackoffMaxKey} ({max.TotalSeconds.ToString(CultureInfo.InvariantCulture)}) must be at least {RestartBackoffKey} ({initial.TotalSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        var maxRestarts = 10;
        if (configuration[MaxRestartsInARowKey] is { } value && !string.IsNullOrWhiteSpace(value)
            && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxRestarts))
        {
            errors.Add($"{MaxRestartsInARowKey} must be a whole number, 0 or more (0 turns restarts off), not '{value}'.");
        }

        return new RestartPolicy(initial, max, maxRestarts);
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
