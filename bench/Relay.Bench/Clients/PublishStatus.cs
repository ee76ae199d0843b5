namespace Relay.Bench.Clients;

/// <summary>The publish outcomes the bench tells apart.</summary>
internal static class PublishStatus
{
    public const int Accepted = 202;

    public static string Describe(int status) => status switch
    {
        0 => "not sent",
        ApiClient.TransportFailed => "transport failure",
        ApiClient.TimedOut => "timeout",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
