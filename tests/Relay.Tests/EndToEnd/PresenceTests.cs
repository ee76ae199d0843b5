using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

/// <summary>Named connections (<c>/ws?name=</c>): the Api's presence list, and join/leave frames across replicas.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class PresenceTests(RelayApp relay)
{
    [Fact]
    public async Task NamedClient_IsListedByTheApi_AndAnAnonymousOneIsNot()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("presence-list");
        await using var anonymous = await ConnectAsync(0, channel, name: null);
        await using var alice = await ConnectAsync(0, channel, "alice");

        var presence = await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length > 0);

        Assert.Equal(channel, presence.GetProperty("channel").GetString());
        Assert.Equal(1, presence.GetProperty("count").GetInt32());
        var member = presence.GetProperty("members")[0];
        Assert.Equal(alice.Client, member.GetProperty("client").GetString());
        Assert.Equal("alice", member.GetProperty("name").GetString());
        Assert.Equal(alice.Replica, member.GetProperty("replica").GetString());
        Assert.True(member.GetProperty("connectedAt").TryGetDateTimeOffset(out var connectedAt));
        Assert.InRange(connectedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.NotEqual(anonymous.Client, member.GetProperty("client").GetString());
    }

    [Fact]
    public async Task JoinOnOneReplica_ReachesANamedClientOnTheOther_AndLeaveFollowsTheDisconnect()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("presence-join");
        await using var alice = await ConnectAsync(0, channel, "alice");
        await RelayApi.WaitForPresenceAsync(api, channel, members => members.Any(m => m.GetProperty("name").GetString() == "alice"));

        var bob = await ConnectAsync(1, channel, "bob");
        JsonElement join;
        try
        {
            join = await alice.ReceiveAsync(f => f.IsOn("join", channel) && f.GetProperty("client").GetString() == bob.Client);
            await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length == 2);
        }
        finally
        {
            await bob.DisposeAsync();
        }

        var leave = await alice.ReceiveAsync(f => f.IsOn("leave", channel) && f.GetProperty("client").GetString() == bob.Client);
        var after = await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length == 1);

        Assert.Equal("bob", join.GetProperty("name").GetString());
        Assert.Equal(relay.Replica(ResourceNames.WsBackend, 1).InstanceId, join.GetProperty("replica").GetString());
        Assert.Equal("bob", leave.GetProperty("name").GetString());
        Assert.Equal(relay.Replica(ResourceNames.WsBackend, 1).InstanceId, leave.GetProperty("replica").GetString());
        Assert.Equal(alice.Client, after.GetProperty("members")[0].GetProperty("client").GetString());
    }

    [Fact]
    public async Task Unsubscribe_IsALeave_ForThatChannelOnly()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("presence-unsub");
        var other = RelayApi.UniqueChannel("presence-stay");
        await using var watcher = await ConnectAsync(1, channel, "watcher");
        await using var carol = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}&channel={other}&name=carol"));
        await watcher.ReceiveAsync(f => f.IsOn("join", channel) && f.GetProperty("client").GetString() == carol.Client);

        await carol.UnsubscribeAsync(channel);

        await watcher.ReceiveAsync(f => f.IsOn("leave", channel) && f.GetProperty("client").GetString() == carol.Client);
        await RelayApi.WaitForPresenceAsync(api, channel, members => members.All(m => m.GetProperty("name").GetString() != "carol"));
        var stays = await RelayApi.WaitForPresenceAsync(api, other, members => members.Length == 1);
        Assert.Equal(carol.Client, stays.GetProperty("members")[0].GetProperty("client").GetString());
    }

    [Fact]
    public async Task Members_AreSortedByName()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("presence-sort");
        await using var zed = await ConnectAsync(0, channel, "zed");
        await using var amy = await ConnectAsync(1, channel, "amy");
        await using var mia = await ConnectAsync(0, channel, "mia");

        var presence = await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length == 3);

        Assert.Equal(["amy", "mia", "zed"], presence.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Welcome_GivesEachConnectionItsOwnClientId_AndItsName()
    {
        await using var named = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=presence-welcome&name=hank"), expectWelcome: false);
        await using var anonymous = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=presence-welcome"), expectWelcome: false);

        var namedWelcome = await named.ReceiveAsync(f => f.Type() == "welcome");
        var anonymousWelcome = await anonymous.ReceiveAsync(f => f.Type() == "welcome");

        Assert.Equal("hank", namedWelcome.GetProperty("name").GetString());
        Assert.False(anonymousWelcome.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.Null, anonymousWelcome.ToString());
        var ids = new[] { namedWelcome, anonymousWelcome }.Select(w => w.GetProperty("client").GetString()).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public async Task NonAsciiName_IsListedAndAnnouncedUnchanged()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("presence-utf8");
        const string Name = "Zoë \"😀\" <b>";
        await using var watcher = await ConnectAsync(0, channel, "watcher");
        await using var zoe = await ConnectAsync(1, channel, Name);

        var join = await watcher.ReceiveAsync(f => f.IsOn("join", channel) && f.GetProperty("client").GetString() == zoe.Client);
        var presence = await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length == 2);

        Assert.Equal(Name, join.GetProperty("name").GetString());
        Assert.Contains(presence.GetProperty("members").EnumerateArray(), m => m.GetProperty("name").GetString() == Name);
    }

    [Fact]
    public async Task Name_IsTrimmed_BeforeItIsComparedWithTheTokensSubject()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("presence-trim");
        await using var client = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}&name={Uri.EscapeDataString("  frank  ")}"),
            configure: options => options.SetRequestHeader("Authorization", "Bearer " + TestCredentials.Token("frank")));

        var presence = await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length == 1);

        Assert.Equal("frank", presence.GetProperty("members")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("name=")]
    [InlineData("name=%20%20%20")]
    [InlineData("name=bad%01name")]
    public async Task BlankOrControlCharacterName_Returns400BeforeTheUpgrade(string query)
    {
        var status = await WsFrames.RefusedUpgradeAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=presence-bad&" + query));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task NameLength_IsOneTo64()
    {
        var tooLong = await WsFrames.RefusedUpgradeAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel=presence-bad&name={new string('n', MessageLimits.MaxNameLength + 1)}"));
        await using var longest = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel=presence-bad&name={new string('n', MessageLimits.MaxNameLength)}"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.False(string.IsNullOrEmpty(longest.Client));
    }

    [Theory]
    [InlineData("bad%20channel!")]
    [InlineData("-dash")]
    public async Task PresenceOfAnInvalidChannel_Returns400(string channel)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        (await RelayApi.GetPresenceAsync(api, channel)).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PresenceOfAnEmptyChannel_IsAnEmptyList()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var presence = (await RelayApi.GetPresenceAsync(api, RelayApi.UniqueChannel("presence-empty"))).Expect(HttpStatusCode.OK).Body;

        Assert.Equal(0, presence.GetProperty("count").GetInt32());
        Assert.Empty(presence.GetProperty("members").EnumerateArray());
    }

    private async Task<WsTestClient> ConnectAsync(int replica, string channel, string? name)
    {
        var query = name is null ? $"channel={channel}" : $"channel={channel}&name={Uri.EscapeDataString(name)}";
        var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, replica, query));
        await client.ReceiveSubscribedAsync(channel);
        return client;
    }
}
