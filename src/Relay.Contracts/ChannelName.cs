using System.Text.RegularExpressions;

namespace Relay.Contracts;

/// <summary>A channel name: a letter or digit, then up to 63 letters, digits or <c>_ . : -</c>.</summary>
public static partial class ChannelName
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$";

    public static bool IsValid(string? channel) => channel is not null && Regex().IsMatch(channel);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Regex();
}
