using System.Globalization;
using Relay.Contracts;
using Relay.WsBackend.Connections;

namespace Relay.WsBackend.Apis;

/// <summary>
/// The query of <c>GET /ws</c>: <c>channel</c> (repeatable; <c>general</c> when absent), <c>name</c> (a presence name)
/// and <c>since</c> + <c>epoch</c> (a position to recover from, with exactly one channel).
/// </summary>
internal sealed record ConnectQuery(string[] Channels, string? Name, ClientPosition? Since)
{
    public const string ChannelKey = "channel";
    public const string NameKey = "name";
    public const string SinceKey = "since";
    public const string EpochKey = "epoch";

    /// <summary>Reads and checks the query; <paramref name="errors"/> names every bad field (then the result is null).</summary>
    public static ConnectQuery? Parse(
        string[]? channel, string[]? name, string[]? since, string[]? epoch, int maxChannels, out Dictionary<string, string[]>? errors)
    {
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] channels = channel is { Length: > 0 } ? [.. channel.Distinct(StringComparer.Ordinal)] : [RelayChannels.Default];
        if (ChannelErrors(channels, maxChannels) is { } channelErrors)
        {
            found[ChannelKey] = channelErrors;
        }

        var trimmedName = Single(found, NameKey, name)?.Trim();
        if (trimmedName is not null && NameRules.Error(trimmedName) is { } nameError)
        {
            found[NameKey] = [nameError];
        }

        var position = ReadPosition(found, Single(found, SinceKey, since), Single(found, EpochKey, epoch), channels.Length);
        errors = found.Count > 0 ? found : null;
        return errors is null ? new ConnectQuery(channels, trimmedName, position) : null;
    }

    private static string? Single(Dictionary<string, string[]> errors, string key, string[]? values)
    {
        if (values is not { Length: > 0 })
        {
            return null;
        }

        if (values.Length > 1)
        {
            errors[key] = [$"Give {key} once; the query gives it {values.Length} times."];
            return null;
        }

        return values[0];
    }

    private static string[]? ChannelErrors(string[] channels, int maxChannels)
    {
        List<string> errors = [];
        foreach (var channel in channels.Where(c => !ChannelName.IsValid(c)))
        {
            errors.Add($"'{channel}' is not a valid channel: a letter or digit, then up to 63 letters, digits or _ . : -");
        }

        if (channels.Length > maxChannels)
        {
            errors.Add($"A connection follows at most {maxChannels} channels; the query names {channels.Length}.");
        }

        return errors.Count > 0 ? [.. errors] : null;
    }

    private static ClientPosition? ReadPosition(Dictionary<string, string[]> errors, string? since, string? epoch, int channelCount)
    {
        if (since is null && epoch is null)
        {
            return null;
        }

        long offset = 0;
        if (since is null)
        {
            errors.TryAdd(SinceKey, ["epoch needs since: the offset of the last message the client got."]);
        }
        else if (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            errors.TryAdd(SinceKey, ["since must be an integer ≥ 0: the offset of the last message the client got."]);
        }
        else if (channelCount != 1)
        {
            errors.TryAdd(SinceKey, [$"since and epoch recover one channel: the query must name exactly one; it names {channelCount}."]);
        }

        if (epoch is null)
        {
            errors.TryAdd(EpochKey, ["since needs epoch: the epoch of that offset, from the subscribed or message frame."]);
        }
        else if (ClientPosition.EpochError(epoch) is { } epochError)
        {
            errors.TryAdd(EpochKey, [$"The epoch {epochError}."]);
        }

        return errors.ContainsKey(SinceKey) || errors.ContainsKey(EpochKey) ? null : new ClientPosition(offset, epoch!);
    }
}
