namespace Relay.Sender.Options;

/// <summary>How the Sender calls the Api, bound from the <c>ApiClient</c> section.</summary>
public sealed class ApiClientOptions
{
    public const string SectionName = "ApiClient";

    /// <summary>The API key sent as <c>Authorization: Bearer</c> on every publish. A secret: the AppHost gives it as a secret file.</summary>
    public string? ApiKey { get; set; }
}
