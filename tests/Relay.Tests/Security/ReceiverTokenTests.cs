using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>The Receiver's token endpoint: what its page connects and reads with (docs/security.md).</summary>
[Collection(RelayAppCollection.Name)]
public sealed class ReceiverTokenTests(RelayApp relay)
{
    [Fact]
    public async Task TokenForANamedPerson_NamesThem_AndGrantsThePublicChannelsAndTheirOwnPrivateChannel()
    {
        var (status, body) = await RequestTokenAsync(new { name = "  hana  " });

        Assert.Equal(HttpStatusCode.OK, status);
        var token = await ValidateAsync(body.GetProperty("token").GetString()!);
        Assert.Equal("hana", token.Subject);
        Assert.Equal(["*", "private:hana"], token.GetPayloadValue<string[]>("channels"));
        Assert.Equal("hana", body.GetProperty("subject").GetString());
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, RelayApp.ReceiverTokenLifetime - TimeSpan.FromSeconds(5), RelayApp.ReceiverTokenLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(expiresAt, new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
    }

    [Fact]
    public async Task TokenForANamelessVisitor_IsAGuestsForThePublicChannelsOnly()
    {
        var (status, body) = await RequestTokenAsync(new { });

        Assert.Equal(HttpStatusCode.OK, status);
        var token = await ValidateAsync(body.GetProperty("token").GetString()!);
        Assert.StartsWith("guest-", token.Subject, StringComparison.Ordinal);
        Assert.Equal(["*"], token.GetPayloadValue<string[]>("channels"));
    }

    [Fact]
    public async Task GuestsRefresh_KeepsItsSubject_AndAnyOtherGuestValueGetsAFreshOne()
    {
        var (_, first) = await RequestTokenAsync(new { });
        var subject = first.GetProperty("subject").GetString()!;

        var (_, refreshed) = await RequestTokenAsync(new { guest = subject });
        var (_, notAGuest) = await RequestTokenAsync(new { guest = "alice" });

        Assert.Equal(subject, (await ValidateAsync(refreshed.GetProperty("token").GetString()!)).Subject);
        Assert.StartsWith("guest-", notAGuest.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("alice", notAGuest.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task TokenForANameThatCannotBeAChannel_GrantsNoPrivateChannel()
    {
        var (status, body) = await RequestTokenAsync(new { name = "Hana Sato" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["*"], (await ValidateAsync(body.GetProperty("token").GetString()!)).GetPayloadValue<string[]>("channels"));
    }

    [Theory]
    [InlineData("{\"name\":\"bad\\u0007name\"}")]
    [InlineData("{\"name\":\"" + "0123456789012345678901234567890123456789012345678901234567890123456789" + "\"}")]
    [InlineData("{\"name\":42}")]
    [InlineData("not json")]
    public async Task TokenRequest_WithABadBody_Returns400ProblemDetails(string json)
    {
        using var receiver = relay.CreateHttpClient(ResourceNames.Receiver);
        using var response = await receiver.PostAsync(
            RelayRoutes.ReceiverToken, new StringContent(json, Encoding.UTF8, "application/json"), TestTimeouts.After(TestTimeouts.Step));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TokenRequest_NotDeclaredAsJson_Returns415()
    {
        using var receiver = relay.CreateHttpClient(ResourceNames.Receiver);
        using var response = await receiver.PostAsync(
            RelayRoutes.ReceiverToken, new StringContent("name=hana", Encoding.UTF8, "application/x-www-form-urlencoded"), TestTimeouts.After(TestTimeouts.Step));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RequestTokenAsync(object request)
    {
        using var receiver = relay.CreateHttpClient(ResourceNames.Receiver);
        using var response = await receiver.PostAsJsonAsync(RelayRoutes.ReceiverToken, request, TestTimeouts.After(TestTimeouts.Step));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeouts.After(TestTimeouts.Step));
        return (response.StatusCode, body);
    }

    private static async Task<JsonWebToken> ValidateAsync(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestCredentials.TokenSecret)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
