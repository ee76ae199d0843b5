using System.Text.RegularExpressions;

namespace Relay.Hosting.Logs;

internal static partial class ConsoleText
{
    // The simple console formatter's level prefixes that deserve the user's attention.
    private static readonly string[] s_attentionPrefixes = ["warn:", "fail:", "crit:"];

    /// <summary>Removes terminal colour codes, which a child writes when it thinks it has a terminal.</summary>
    public static string Clean(string text) => text.Contains('\u001b') ? AnsiEscapeRegex().Replace(text, "") : text;

    /// <summary>Warnings, errors and anything on standard error are echoed to the AppHost's terminal.</summary>
    public static bool NeedsAttention(ResourceLogLine line) =>
        line.IsError || s_attentionPrefixes.Any(prefix => line.Text.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>A line that says what went wrong: a fail or crit log, or an unhandled exception.</summary>
    public static bool IsErrorHeadline(ResourceLogLine line) =>
        line.Text.StartsWith("fail:", StringComparison.Ordinal)
        || line.Text.StartsWith("crit:", StringComparison.Ordinal)
        || line.Text.StartsWith("Unhandled exception.", StringComparison.Ordinal);

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex AnsiEscapeRegex();
}
