namespace Relay.Dashboard.Pages;

internal static class ContentTypes
{
    public const string Html = "text/html; charset=utf-8";

    public static string For(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".html" => Html,
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
