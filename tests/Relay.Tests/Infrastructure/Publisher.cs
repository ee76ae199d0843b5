using System.Net.Http.Json;
using System.Text.Json;
using Relay.Contracts;

namespace Relay.Tests.Infrastructure;

/// <summary>Publishes through the Api's public contract.</summary>
internal static class Publisher
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient api, string channel, string text, string sender = "tests") =>
        await api.PostAsJsonAsync(RelayRoutes.Messages, new { channel, sender, text }, TestTimeouts.After(TestTimeouts.Step));

    /// <summary>Publishes and asserts the 202; returns the message id.</summary>
    public static async Task<string> PublishAsync(HttpClient api, string channel, string text, string sender = "tests")
    {
        using var response = await PostAsync(api, channel, text, sender);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public static string UniqueText(string prefix = "msg") => $"{prefix}-{Guid.NewGuid():N}";
}
