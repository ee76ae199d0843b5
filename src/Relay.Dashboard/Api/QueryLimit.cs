namespace Relay.Dashboard.Api;

internal static class QueryLimit
{
    /// <summary>A missing limit takes the default; any other is clamped to 1..max, so no query can ask for everything.</summary>
    public static int Clamp(int? limit, int defaultLimit, int max) => Math.Clamp(limit ?? defaultLimit, 1, max);
}
