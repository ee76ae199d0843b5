using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>Tokens signed by the keys of a JWKS (RS256, ES256), as an identity provider would issue them.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class JwksTokenTests(RelayApp relay)
{
    [Fact]
    public async Task Rs256TokenFromTheJwks_IsAccepted()
    {
        await using var client = await ConnectAsync(TestJwks.Shared.RsaToken("rosa"), "rosa");

        Assert.Equal("rosa", client.Welcome.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Es256TokenFromTheJwks_IsAccepted()
    {
        await using var client = await ConnectAsync(TestJwks.Shared.EcToken("ezra"), "ezra");

        Assert.Equal("ezra", client.Welcome.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rs256TokenWithATamperedPayload_Returns401()
    {
        var parts = TestJwks.Shared.RsaToken("rosa").Split('.');
        var forged = TestCredentials.Token("mallory").Split('.')[1];

        var status = await WsFrames.RefusedUpgradeAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 1, "channel=sec-jwks"), authorize: false,
            configure: o => o.SetRequestHeader("Authorization", $"Bearer {parts[0]}.{forged}.{parts[2]}"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private Task<WsTestClient> ConnectAsync(string token, string name) =>
        WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel=sec-jwks&name={name}"), authorize: false,
            configure: o => o.SetRequestHeader("Authorization", "Bearer " + token));
}
