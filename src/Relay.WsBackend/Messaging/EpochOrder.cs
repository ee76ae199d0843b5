namespace Relay.WsBackend.Messaging;

/// <summary>
/// The order of epochs. The Api's publish script makes an epoch of Redis's clock in microseconds, written in
/// lowercase hex without leading zeros: a longer epoch is a later one, and of two as long, the ordinal order is the
/// time order.
/// </summary>
internal static class EpochOrder
{
    /// <returns>Below zero when <paramref name="epoch"/> is older than <paramref name="other"/>, zero when equal, above zero when newer.</returns>
    public static int Compare(string epoch, string other) =>
        epoch.Length != other.Length ? epoch.Length.CompareTo(other.Length) : string.CompareOrdinal(epoch, other);

    public static bool Same(string? epoch, string? other) => string.Equals(epoch, other, StringComparison.Ordinal);
}
