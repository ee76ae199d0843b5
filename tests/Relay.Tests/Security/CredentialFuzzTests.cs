using System.Net;
using System.Text;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>Malformed credentials of every shape are refused with a 4xx, never a 5xx, and the Api stays healthy.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class CredentialFuzzTests(RelayApp relay)
{
    private const string Visible = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    [Fact]
    public async Task MalformedCredentials_AreRefusedWith4xx_AndTheApiStaysHealthy()
    {
        var random = new Random(20261203);
        var authorizations = new List<string>
        {
            "Bearer " + new string('k', 10_000),
            "Bearer " + new string('.', 2) + new string('a', 9_000),
            "Bearer " + TestCredentials.ApiKey + " " + TestCredentials.ApiKey,
            "Bearer " + TestCredentials.ApiKey[..^1],
            "Bearer \t" + TestCredentials.ApiKey + "x",
            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.",
            "Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
            "Bearer " + TestCredentials.Token("mallory")[..^4] + "AAAA",
            "Bearer " + TestCredentials.Token("mallory", ["bad pattern!"]),
            "Bearer " + TestCredentials.Token(new string('n', 65)),
            "Negotiate", ",", "Bearer ,", "Bearer =", "Bearer \"\"",
        };
        for (var i = 0; i < 30; i++)
        {
            authorizations.Add(RandomValue(random, i % 3 == 0 ? "Bearer " : ""));
            authorizations.Add("Bearer " + RandomValue(random, "") + "." + RandomValue(random, "") + "." + RandomValue(random, ""));
        }

        var apiKeys = Enumerable.Range(0, 20).Select(i => RandomValue(random, "")).Append("").Append(" ").Append(new string('x', 5_000)).ToList();

        var statuses = new List<(string Value, HttpStatusCode Status)>();
        foreach (var value in authorizations)
        {
            statuses.Add((value, await SendAsync(request => request.Headers.TryAddWithoutValidation("Authorization", value))));
        }

        foreach (var value in apiKeys)
        {
            statuses.Add((value, await SendAsync(request => request.Headers.TryAddWithoutValidation(ApiCredentials.ApiKeyHeader, value))));
        }

        Assert.All(statuses, entry => Assert.True(
            entry.Status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests
                or HttpStatusCode.RequestHeaderFieldsTooLarge,
            $"{(int)entry.Status} for '{entry.Value[..Math.Min(80, entry.Value.Length)]}'"));
        using var api = SecuredCalls.Anonymous(relay);
        using var health = await api.GetAsync(RelayRoutes.Health, TestTimeouts.After(TestTimeouts.Step));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var sender = relay.CreateHttpClient(ResourceNames.Api);
        await RelayApi.PublishAsync(sender, RelayApi.UniqueChannel("after-fuzz"), Publisher.UniqueText());
    }

    // Each value from its own address, so the address limit does not hide what the credential check answers.
    private async Task<HttpStatusCode> SendAsync(Action<HttpRequestMessage> configure)
    {
        using var api = SecuredCalls.Anonymous(relay);
        var publish = SecuredCalls.SendRawAsync(api, HttpMethod.Post, RelayRoutes.Messages, SecuredCalls.Message("fuzz"), configure);
        var read = SecuredCalls.SendRawAsync(api, HttpMethod.Get, RelayRoutes.ChannelMessages(RelayChannels.PrivatePrefix + "fuzz"), null, configure);
        var statuses = await Task.WhenAll(publish, read);
        return statuses.Max();
    }

    private static string RandomValue(Random random, string prefix)
    {
        var text = new StringBuilder(prefix);
        var length = random.Next(0, 120);
        for (var i = 0; i < length; i++)
        {
            text.Append(Visible[random.Next(Visible.Length)]);
        }

        return text.ToString();
    }
}
