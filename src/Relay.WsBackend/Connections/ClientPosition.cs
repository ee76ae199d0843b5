namespace Relay.WsBackend.Connections;

/// <summary>
/// A client's position in one channel: the last <see cref="Offset"/> it got, in <see cref="Epoch"/>. Given on
/// connect (<c>since</c> + <c>epoch</c>) or in a subscribe frame (<c>"since":{"offset":41,"epoch":"E"}</c>).
/// </summary>
internal readonly record struct ClientPosition(long Offset, string Epoch)
{
    /// <summary>The longest epoch a client may give (the Api's are 13 or so hex digits).</summary>
    public const int MaxEpochLength = 64;

    /// <summary>Why <paramref name="epoch"/> cannot be an epoch, or null when it can.</summary>
    public static string? EpochError(string epoch) =>
        epoch.Length == 0 ? "must not be empty"
        : epoch.Length > MaxEpochLength ? $"must be at most {MaxEpochLength} characters"
        : epoch.AsSpan().ContainsAnyInRange('\0', '\u001f') || epoch.Contains('\u007f') ? "must not contain control characters"
        : null;
}
