namespace Relay.Dashboard.Api;

internal static class UnixNanos
{
    public static DateTimeOffset ToDateTimeOffset(long unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNanos / TimeSpan.NanosecondsPerTick);

    public static double ToMilliseconds(long nanos) => nanos / 1_000_000d;
}
