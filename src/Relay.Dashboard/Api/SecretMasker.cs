using System.Text.RegularExpressions;

namespace Relay.Dashboard.Api;

/// <summary>
/// Hides secrets in the environment shown on the resources page: the page is a screen people share.
/// Variables whose name contains PASSWORD, KEY, TOKEN or SECRET are masked whole; connection strings keep
/// everything but their password; the OTLP headers keep their names only (they carry the API key).
/// </summary>
internal static partial class SecretMasker
{
    public const string Mask = "***";

    private static readonly string[] SecretWords = ["PASSWORD", "KEY", "TOKEN", "SECRET"];

    public static Dictionary<string, string> MaskAll(IReadOnlyDictionary<string, string> environment) =>
        environment
            .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(kv => kv.Key, kv => MaskValue(kv.Key, kv.Value), StringComparer.Ordinal);

    public static string MaskValue(string name, string value)
    {
        if (SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return Mask;
        }

        if (name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
        {
            return PasswordPart().Replace(value, "${name}" + Mask);
        }

        return name.Equals("OTEL_EXPORTER_OTLP_HEADERS", StringComparison.OrdinalIgnoreCase)
            ? HeaderValue().Replace(value, "${name}" + Mask)
            : value;
    }

    // StackExchange.Redis (password=) and ADO.NET-style (Password=, Pwd=) connection strings.
    [GeneratedRegex(@"(?<name>\b(?:password|pwd)\s*=)[^,;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();

    // "k1=v1,k2=v2" as OTEL_EXPORTER_OTLP_HEADERS is written.
    [GeneratedRegex(@"(?<name>(?:^|,)\s*[^=,]+=)[^,]*")]
    private static partial Regex HeaderValue();
}
