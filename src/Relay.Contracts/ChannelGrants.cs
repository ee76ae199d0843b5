namespace Relay.Contracts;

/// <summary>
/// Which channels a grant covers: an API key's <c>Channels</c> or a connection token's <c>channels</c> claim. A pattern
/// is a channel name in which <c>*</c> stands for any run of characters (<c>news.*</c>, <c>*</c>). A private channel
/// (<see cref="RelayChannels.PrivatePrefix"/>) is covered only by a pattern that itself starts with that prefix, so
/// <c>*</c> covers every public channel and no private one, <c>private:alice</c> covers one, <c>private:*</c> all.
/// </summary>
public static class ChannelGrants
{
    /// <summary>The longest pattern: a channel name's length.</summary>
    public const int MaxPatternLength = 64;

    /// <summary>Whether one of <paramref name="patterns"/> covers <paramref name="channel"/>.</summary>
    public static bool Allows(IReadOnlyList<string> patterns, string channel)
    {
        var isPrivate = RelayChannels.IsPrivate(channel);
        foreach (var pattern in patterns)
        {
            if ((!isPrivate || RelayChannels.IsPrivate(pattern)) && Matches(pattern, channel))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A pattern is 1–64 characters of a channel name's alphabet (letters, digits, <c>_ . : -</c>) or <c>*</c>.</summary>
    public static bool IsValidPattern(string? pattern) =>
        pattern is { Length: > 0 and <= MaxPatternLength }
        && pattern.All(c => c == '*' || char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-');

    /// <summary>Glob matching with <c>*</c> only, linear in the lengths (the classic two-pointer walk with one backtrack point).</summary>
    public static bool Matches(string pattern, string channel)
    {
        int p = 0, c = 0, star = -1, resume = 0;
        while (c < channel.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = c;
            }
            else if (p < pattern.Length && pattern[p] == channel[c])
            {
                p++;
                c++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                c = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
