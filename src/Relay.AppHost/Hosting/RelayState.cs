using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Where the AppHost keeps local state (Redis's data): <c>Relay:StateDirectory</c>, by default <c>.relay</c>.</summary>
public static class RelayState
{
    public const string DirectoryKey = "Relay:StateDirectory";

    public static string Directory(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[DirectoryKey] is { Length: > 0 } configured ? configured : ".relay");
}
