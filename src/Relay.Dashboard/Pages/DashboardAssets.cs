using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Relay.Dashboard.Pages;

/// <summary>
/// The pages' files, read once from the embedded resources, and the shell page built from
/// <c>index.html</c>: every asset URL there carries the file's hash, and an import map gives the JavaScript
/// modules' imports the same versioned URLs, so the browser caches everything until a file changes.
/// </summary>
internal sealed class DashboardAssets
{
    private const string ResourcePrefix = "web/";
    private const string ShellTemplate = "index.html";
    private const string AssetMarker = "{{asset:";
    private const string ImportMapMarker = "{{importmap}}";

    private readonly Dictionary<string, StaticAsset> _assets;

    public DashboardAssets()
    {
        _assets = Load();
        var importMap = ImportMap();
        ShellHtml = Expand(ReadText(ShellTemplate)).Replace(ImportMapMarker, $"<script type=\"importmap\">{importMap}</script>", StringComparison.Ordinal);
        ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)))}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /// <summary>The one HTML document of every page route.</summary>
    public string ShellHtml { get; }

    /// <summary>
    /// Scripts from the dashboard only, plus the inline import map by hash: a log line that slipped into the
    /// page as markup could still not run.
    /// </summary>
    public string ContentSecurityPolicy { get; }

    public bool TryGet(string path, out StaticAsset? asset) => _assets.TryGetValue(path, out asset);

    private static Dictionary<string, StaticAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, StaticAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // MSBuild writes RecursiveDir with the host's separator.
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            path = path[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var version = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
            assets.Add(path, new StaticAsset(path, content, ContentTypes.For(path), version));
        }

        return assets;
    }

    private string ReadText(string path) =>
        _assets.TryGetValue(path, out var asset)
            ? Encoding.UTF8.GetString(asset.Content)
            : throw new InvalidOperationException($"The dashboard's embedded {path} is missing.");

    private string ImportMap()
    {
        var imports = _assets.Values
            .Where(a => a.Path.EndsWith(".js", StringComparison.Ordinal))
            .OrderBy(a => a.Path, StringComparer.Ordinal)
            .ToDictionary(a => $"{DashboardRoutes.Assets}/{a.Path}", a => a.Url);
        return JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>> { ["imports"] = imports }, ImportMapJson.Default.DictionaryStringDictionaryStringString);
    }

    /// <summary>Replaces each <c>{{asset:path}}</c> with the asset's versioned URL.</summary>
    private string Expand(string template)
    {
        var result = new StringBuilder(template.Length);
        var position = 0;
        while (true)
        {
            var start = template.IndexOf(AssetMarker, position, StringComparison.Ordinal);
            if (start < 0)
            {
                return result.Append(template, position, template.Length - position).ToString();
            }

            var end = template.IndexOf("}}", start, StringComparison.Ordinal);
            var path = template[(start + AssetMarker.Length)..end];
            if (!_assets.TryGetValue(path, out var asset))
            {
                throw new InvalidOperationException($"index.html links {path}, which is not embedded.");
            }

            result.Append(template, position, start - position).Append(asset.Url);
            position = end + 2;
        }
    }
}
