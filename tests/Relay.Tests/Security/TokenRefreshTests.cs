using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>A connection's token over its life: refresh frames, the channels it grants, and its expiry (docs/protocol.md).</summary>
[Collection(RelayAppCollection.Name)]
public sealed class TokenRefreshTests(RelayApp relay)
{
    private Task<WsTestClient> ConnectAsync(string query, string token, int replica = 0) =>
        WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, replica, query), authorize: false,
            configure: o => o.SetRequestHeader("Authorization", "Bearer " + token));

    private static Task RefreshAsync(WsTestClient client, string token) =>
        client.SendAsync(JsonSerializer.Serialize(new { type = "refresh", token }));

    [Fact]
    public async Task Refresh_KeepsTheConnectionItsPositionAndPresence_WithNoGapOrDuplicate()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("sec-refresh");
        await using var client = await ConnectAsync($"channel={channel}&name=rita", TestCredentials.Token("rita", lifetime: TimeSpan.FromMinutes(1)));
        await client.ReceiveSubscribedAsync(channel);
        var before = await RelayApi.PublishAsync(api, channel, "before");
        await client.ReceiveMessageAsync("before");

        await RefreshAsync(client, TestCredentials.Token("rita", lifetime: TimeSpan.FromMinutes(20)));
        var refreshed = await client.ReceiveAsync(f => f.Type() == "refreshed");
        await RelayApi.PublishAsync(api, channel, "after-1");
        await RelayApi.PublishAsync(api, channel, "after-2");
        var frames = await client.ReceiveUntilAsync(channel, "after-2");
        var presence = await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length == 1);

        Assert.InRange(refreshed.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
        Assert.Equal([before.Offset + 1, before.Offset + 2], frames.MessageOffsets());
        Assert.Equal(client.Client, presence.GetProperty("members")[0].GetProperty("client").GetString());
    }

    [Fact]
    public async Task Refresh_WithATokenThatNoLongerGrantsAChannel_UnsubscribesIt()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var kept = RelayApi.UniqueChannel("sec-kept");
        var dropped = RelayApi.UniqueChannel("sec-dropped");
        await using var client = await ConnectAsync($"channel={kept}&channel={dropped}", TestCredentials.Token("kim", ["sec-*"]));

        await RefreshAsync(client, TestCredentials.Token("kim", [kept]));
        await client.ReceiveAsync(f => f.IsOn("unsubscribed", dropped));
        await client.ReceiveAsync(f => f.Type() == "refreshed");
        await RelayApi.PublishAsync(api, dropped, "not-for-kim");
        await RelayApi.PublishAsync(api, kept, "for-kim");
        var first = await client.ReceiveAsync(f => f.Type() == "message");

        Assert.Equal("for-kim", first.Text());
    }

    [Fact]
    public async Task Refresh_WithAnInvalidToken_GetsAnErrorFrame_AndTheConnectionLivesOn()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("sec-bad-refresh");
        await using var client = await ConnectAsync($"channel={channel}", TestCredentials.Token("ivan"));
        await client.ReceiveSubscribedAsync(channel);

        await RefreshAsync(client, TestCredentials.Token("ivan", secret: "another-secret-0123456789abcdefghijklmnopqrstuvwxyz"));
        var error = await client.ReceiveAsync(f => f.Type() == "error");
        await RelayApi.PublishAsync(api, channel, "still-here");

        Assert.Contains("refresh", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await client.ReceiveMessageAsync("still-here");
    }

    [Fact]
    public async Task Refresh_WithAnotherSubjectsToken_ClosesWith4003()
    {
        await using var client = await ConnectAsync("channel=sec-impostor&name=ursula", TestCredentials.Token("ursula"));

        await RefreshAsync(client, TestCredentials.Token("victor"));

        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(4003, (int?)status);
        Assert.Equal("forbidden", reason);
    }

    [Fact]
    public async Task Token_ExpiringWithoutARefresh_ClosesTheConnectionWith4001()
    {
        await using var client = await ConnectAsync("channel=sec-expiry", TestCredentials.Token("eve", lifetime: TimeSpan.FromSeconds(2)), replica: 1);
        var expiresAt = client.Welcome.GetProperty("expiresAt").GetDateTimeOffset();

        var (status, reason) = await client.WaitForCloseAsync();

        Assert.Equal(4001, (int?)status);
        Assert.Equal("token expired", reason);
        Assert.True(DateTimeOffset.UtcNow >= expiresAt, $"closed before the token's expiry {expiresAt:O}");
    }

    [Fact]
    public async Task Subscribe_ToAChannelTheTokenDoesNotGrant_GetsAnErrorFrameNamingIt_AndTheConnectionStays()
    {
        await using var client = await ConnectAsync("channel=sec-sub-1", TestCredentials.Token("sue", ["sec-sub-*"]));

        await client.SendAsync("""{"type":"subscribe","channel":"sec-elsewhere"}""");
        var error = await client.ReceiveAsync(f => f.Type() == "error");
        await client.SendAsync("""{"type":"subscribe","channel":"private:sue"}""");
        var privateError = await client.ReceiveAsync(f => f.Type() == "error");
        await client.SubscribeAsync("sec-sub-2");

        Assert.Contains("sec-elsewhere", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("private:sue", privateError.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshFrame_WithoutAToken_GetsAnErrorFrame()
    {
        await using var client = await ConnectAsync("channel=sec-refresh-bad", TestCredentials.Token("tom"));

        await client.SendAsync("""{"type":"refresh"}""");

        var error = await client.ReceiveAsync(f => f.Type() == "error");
        Assert.Contains("token", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
