using System.Globalization;

namespace Relay.Bench.Cli;

/// <summary>
/// The options of one scenario, <c>--name value</c> pairs. Every option read is remembered, so an option the
/// scenario does not know (a typo) fails the run instead of being silently ignored.
/// </summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchArguments()
    {
    }

    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length < 3)
            {
                throw new UsageException($"Expected an option --name, got '{args[i]}'.");
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"The option {args[i]} needs a value.");
            }

            parsed._values[args[i][2..]] = args[i + 1];
        }

        return parsed;
    }

    public int GetInt(string name, int defaultValue, int min, int max)
    {
        var text = Get(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a whole number from {min} to {max}, got '{text}'.");
        }

        return value;
    }

    public string GetChoice(string name, string defaultValue, params string[] choices)
    {
        var text = Get(name) ?? defaultValue;
        return choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new UsageException($"--{name} must be one of {string.Join(", ", choices)}, got '{text}'.");
    }

    public string GetString(string name, string defaultValue) => Get(name) ?? defaultValue;

    /// <summary>Fails on any option no getter asked for.</summary>
    public void ThrowIfUnknownOptions()
    {
        var unknown = _values.Keys.Where(key => !_read.Contains(key)).Select(key => "--" + key).ToArray();
        if (unknown.Length > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown)}.");
        }
    }

    private string? Get(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }
}
