using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>The checks before a WebSocket upgrade: the token, its subject and channels, the page's origin (docs/protocol.md).</summary>
[Collection(RelayAppCollection.Name)]
public sealed class UpgradeSecurityTests(RelayApp relay)
{
    private const string OtherSecret = "another-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    private Uri Ws(string query, int replica = 0) => relay.WebSocketUri(ResourceNames.WsBackend, replica, query);

    [Fact]
    public async Task Upgrade_WithoutAToken_Returns401ProblemDetails()
    {
        var (answer, _) = await UpgradeRequests.SendAsync(Ws("channel=sec-none"));

        answer.ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Upgrade_WithANameButNoToken_Returns401()
    {
        var status = await WsFrames.RefusedUpgradeAsync(Ws("channel=sec-none&name=mallory"), authorize: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Upgrade_WithATokenSignedByAnotherSecret_Returns401NamingTheSignature()
    {
        var (answer, _) = await UpgradeRequests.SendAsync(
            Ws("channel=sec-forged"), h => UpgradeRequests.Bearer(h, TestCredentials.Token("mallory", secret: OtherSecret)));

        Assert.Contains("signature", answer.ExpectProblem(HttpStatusCode.Unauthorized).Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_WithAnExpiredToken_Returns401NamingTheExpiry()
    {
        var (answer, _) = await UpgradeRequests.SendAsync(
            Ws("channel=sec-expired"), h => UpgradeRequests.Bearer(h, TestCredentials.Token("old", lifetime: TimeSpan.FromMinutes(-5))));

        Assert.Contains("expired", answer.ExpectProblem(HttpStatusCode.Unauthorized).Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_WithAnUnsignedAlgNoneToken_Returns401()
    {
        var (answer, _) = await UpgradeRequests.SendAsync(Ws("channel=sec-none"), h => UpgradeRequests.Bearer(h, UpgradeRequests.UnsignedToken("mallory")));

        answer.ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Upgrade_ForAChannelTheTokenDoesNotGrant_Returns403NamingIt()
    {
        var (answer, _) = await UpgradeRequests.SendAsync(
            Ws("channel=sec-granted-1&channel=sec-other"), h => UpgradeRequests.Bearer(h, TestCredentials.Token("gail", ["sec-granted-*"])));

        var detail = answer.ExpectProblem(HttpStatusCode.Forbidden).Body.GetProperty("detail").GetString();
        Assert.Contains("sec-other", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sec-granted-1", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_ForAPrivateChannel_WithAWildcardToken_Returns403()
    {
        var status = await WsFrames.RefusedUpgradeAsync(
            Ws("channel=private:alice"), authorize: false,
            configure: o => o.SetRequestHeader("Authorization", "Bearer " + TestCredentials.Token("alice", ["*"])));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Upgrade_ForAPrivateChannel_WithATokenNamingIt_IsAccepted()
    {
        await using var client = await WsTestClient.ConnectAsync(
            Ws("channel=private:alice"), authorize: false,
            configure: o => o.SetRequestHeader("Authorization", "Bearer " + TestCredentials.Token("alice", ["*", "private:alice"])));

        Assert.Equal(["private:alice"], client.WelcomeChannels);
    }

    [Fact]
    public async Task Upgrade_WithANameThatIsNotTheTokensSubject_Returns403()
    {
        var (answer, _) = await UpgradeRequests.SendAsync(
            Ws("channel=sec-name&name=alice"), h => UpgradeRequests.Bearer(h, TestCredentials.Token("bob")));

        answer.ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Welcome_CarriesTheTokensExpiry_AndTheNameOnlyWhenOneWasAsked()
    {
        var token = TestCredentials.Token("wendy", lifetime: TimeSpan.FromMinutes(7));
        await using var named = await WsTestClient.ConnectAsync(
            Ws("channel=sec-welcome&name=wendy"), authorize: false, configure: o => o.SetRequestHeader("Authorization", "Bearer " + token));
        await using var nameless = await WsTestClient.ConnectAsync(
            Ws("channel=sec-welcome"), authorize: false, configure: o => o.SetRequestHeader("Authorization", "Bearer " + token));

        var expiresAt = named.Welcome.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(7));
        Assert.Equal("wendy", named.Welcome.GetProperty("name").GetString());
        Assert.False(nameless.Welcome.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.Null, nameless.Welcome.ToString());
    }

    [Fact]
    public async Task Upgrade_FromAnOriginNotAllowed_Returns403ProblemDetails()
    {
        var (answer, _) = await UpgradeRequests.SendAsync(Ws("channel=sec-origin"), h =>
        {
            UpgradeRequests.Bearer(h, TestCredentials.Token("olga"));
            h.Add("Origin", "http://evil.example");
        });

        answer.ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Upgrade_FromTheReceiversOrigin_ByEitherHostName_IsAccepted()
    {
        var receiver = relay.App.GetEndpoint(ResourceNames.Receiver, "http");

        foreach (var host in new[] { "localhost", "127.0.0.1" })
        {
            await using var client = await WsTestClient.ConnectAsync(
                Ws("channel=sec-origin"), configure: o => o.SetRequestHeader("Origin", $"{receiver.Scheme}://{host}:{receiver.Port}"));
            Assert.False(string.IsNullOrEmpty(client.Client));
        }
    }

    [Theory]
    [InlineData(ResourceNames.WsBackend)]
    [InlineData(ResourceNames.Receiver)]
    public async Task TokenAsASubprotocol_IsAccepted_AndTheServerSelectsRelayV1(string resource)
    {
        await using var client = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(resource, 0, "channel=sec-subprotocol&name=sam"), authorize: false, configure: o =>
            {
                o.AddSubProtocol(WebSocketSubprotocols.Protocol);
                o.AddSubProtocol(WebSocketSubprotocols.TokenPrefix + TestCredentials.Token("sam"));
            });

        Assert.Equal(WebSocketSubprotocols.Protocol, client.SubProtocol);
        Assert.Equal("sam", client.Welcome.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ForgedTokenAsASubprotocol_Returns401()
    {
        var status = await WsFrames.RefusedUpgradeAsync(Ws("channel=sec-subprotocol"), authorize: false, configure: o =>
        {
            o.AddSubProtocol(WebSocketSubprotocols.Protocol);
            o.AddSubProtocol(WebSocketSubprotocols.TokenPrefix + TestCredentials.Token("sam", secret: OtherSecret));
        });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
