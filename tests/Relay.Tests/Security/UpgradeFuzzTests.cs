using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>Malformed tokens, headers and subprotocols: each is refused before the upgrade, never with a 5xx, and the replica stays healthy.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class UpgradeFuzzTests(RelayApp relay)
{
    private static readonly HttpStatusCode[] s_refusals = [HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden];

    [Fact]
    public async Task MalformedCredentials_AreRefusedWith4xx_AndTheReplicaStaysHealthy()
    {
        var uri = relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=sec-fuzz");
        var valid = TestCredentials.Token("fuzz");
        var random = new Random(20261203);
        List<(string Case, Action<System.Net.Http.Headers.HttpRequestHeaders> Headers)> cases =
        [
            ("Bearer alone", h => h.TryAddWithoutValidation("Authorization", "Bearer")),
            ("Bearer empty", h => h.TryAddWithoutValidation("Authorization", "Bearer ")),
            ("Basic scheme", h => h.TryAddWithoutValidation("Authorization", "Basic " + valid)),
            ("two Authorization headers", h => h.TryAddWithoutValidation("Authorization", ["Bearer " + valid, "Bearer " + valid])),
            ("three dots", h => UpgradeRequests.Bearer(h, "...")),
            ("not base64", h => UpgradeRequests.Bearer(h, "!!!.@@@.###")),
            ("header only", h => UpgradeRequests.Bearer(h, valid.Split('.')[0])),
            ("no signature", h => UpgradeRequests.Bearer(h, valid[..(valid.LastIndexOf('.') + 1)])),
            ("over 8 KiB", h => UpgradeRequests.Bearer(h, new string('a', 9_000))),
            ("no sub", h => UpgradeRequests.Bearer(h, TestCredentials.Token("", ["*"]))),
            ("sub of 65 characters", h => UpgradeRequests.Bearer(h, TestCredentials.Token(new string('s', 65)))),
            ("channels a number", h => UpgradeRequests.Bearer(h, TestCredentials.Token("fuzz", claims: new Dictionary<string, object> { ["channels"] = 42 }))),
            ("channel pattern invalid", h => UpgradeRequests.Bearer(h, TestCredentials.Token("fuzz", ["bad pattern!"]))),
            ("129 channel patterns", h => UpgradeRequests.Bearer(h, TestCredentials.Token("fuzz", [.. Enumerable.Range(0, 129).Select(i => $"c{i}")]))),
            ("not yet valid", h => UpgradeRequests.Bearer(h, UpgradeRequests.NotYetValidToken("fuzz"))),
            ("empty token subprotocol", h => h.TryAddWithoutValidation("Sec-WebSocket-Protocol", $"{WebSocketSubprotocols.Protocol}, {WebSocketSubprotocols.TokenPrefix}")),
            ("two token subprotocols", h => h.TryAddWithoutValidation("Sec-WebSocket-Protocol", $"{WebSocketSubprotocols.TokenPrefix}{valid}, {WebSocketSubprotocols.TokenPrefix}{valid}")),
            ("header and subprotocol", h =>
            {
                UpgradeRequests.Bearer(h, valid);
                h.TryAddWithoutValidation("Sec-WebSocket-Protocol", WebSocketSubprotocols.TokenPrefix + valid);
            }),
            ("garbage subprotocols", h => h.TryAddWithoutValidation("Sec-WebSocket-Protocol", ",,, ;;; relay.token.%00 , \"quoted\"")),
            ("origin null", h =>
            {
                UpgradeRequests.Bearer(h, valid);
                h.TryAddWithoutValidation("Origin", "null");
            }),
            ("garbage X-Forwarded-For", h => h.TryAddWithoutValidation("X-Forwarded-For", "not-an-address, ::::, 999.1.1.1")),
        ];
        for (var i = 0; i < 40; i++)
        {
            var chars = valid.ToCharArray();
            for (var flips = 0; flips < 1 + (i % 4); flips++)
            {
                // Not a segment's last character: some of its bits are padding, so a change there may decode the same.
                var at = random.Next(chars.Length - 1);
                if (chars[at] != '.' && chars[at + 1] != '.')
                {
                    chars[at] = "ABCxyz019-_."[random.Next(12)];
                }
            }

            var mutated = new string(chars);
            if (mutated != valid)
            {
                cases.Add(($"mutation {i}", h => UpgradeRequests.Bearer(h, mutated)));
            }
        }

        foreach (var (name, headers) in cases)
        {
            var (answer, _) = await UpgradeRequests.SendAsync(uri, headers);
            Assert.True(s_refusals.Contains(answer.Status), $"{name}: {(int)answer.Status} {answer.Text}");
        }

        using var health = new HttpClient { BaseAddress = new UriBuilder(uri) { Scheme = "http", Path = "", Query = "" }.Uri };
        using var healthy = await health.GetAsync(RelayRoutes.Health, TestContext.Current.CancellationToken);
        await using var client = await WsTestClient.ConnectAsync(uri);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }
}
