using Microsoft.Net.Http.Headers;

namespace Relay.Dashboard.Pages;

/// <summary>A file of the pages held in memory; <see cref="Version"/> is a hash of its content.</summary>
internal sealed record StaticAsset(string Path, byte[] Content, string ContentType, string Version)
{
    public EntityTagHeaderValue ETag { get; } = new($"\"{Version}\"");

    /// <summary>The URL the shell links: the version makes it safe to cache for good.</summary>
    public string Url => $"{DashboardRoutes.Assets}/{Path}?v={Version}";
}
