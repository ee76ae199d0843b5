using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>The Receiver page with its tokens, in chromium: a person's private channel, and a token that outlives itself by refreshes.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class PrivateChannelBrowserTests(RelayApp relay)
{
    [Fact]
    public async Task NamedPage_FollowsItsOwnPrivateChannel_WhileAnotherPersonsPageIsRefusedIt_AndNeverShowsItsMessages()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var own = RelayChannels.PrivatePrefix + "pat" + suffix;
        await using var browser = await Browser.LaunchAsync();
        var pat = await OpenNamedAsync(browser, "pat" + suffix);
        var quinn = await OpenNamedAsync(browser, "quinn" + suffix);
        await Assertions.Expect(pat.Locator("#private-channel")).ToContainTextAsync(own);

        await FollowAsync(pat, own);
        await FollowAsync(quinn, own);

        await Assertions.Expect(pat.Locator($"#channels li[data-channel='{own}']:not(.pending)")).ToHaveCountAsync(1);
        await Assertions.Expect(quinn.Locator("#errors li").Filter(new() { HasText = own })).Not.ToHaveCountAsync(0);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText("private");
        await RelayApi.PublishAsync(api, own, text);
        await Assertions.Expect(pat.Locator("#messages li.message").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        await Assertions.Expect(quinn.Locator("#messages li.message").Filter(new() { HasText = text })).ToHaveCountAsync(0);
        await Assertions.Expect(quinn.Locator($"#channels li[data-channel='{own}'].pending")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task PagesToken_IsRefreshedOverTheSocket_BeforeItEnds_SoTheConnectionOutlivesIt()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(relay.Endpoint(ResourceNames.Receiver), "/?channels=general"));
        var state = page.Locator("#state");
        await Assertions.Expect(state).ToHaveTextAsync("connected");

        // Two refreshes take the connection past its first token's end (its lifetime is RelayApp.ReceiverTokenLifetime).
        await Assertions.Expect(state).ToHaveAttributeAsync("data-refreshes", "2", new() { Timeout = (float)(3 * RelayApp.ReceiverTokenLifetime).TotalMilliseconds });

        await Assertions.Expect(state).ToHaveAttributeAsync("data-welcomes", "1");
        await Assertions.Expect(state).ToHaveTextAsync("connected");
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText("refreshed");
        await RelayApi.PublishAsync(api, "general", text);
        await Assertions.Expect(page.Locator("#messages li.message").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#errors li")).ToHaveCountAsync(0);
    }

    private async Task<IPage> OpenNamedAsync(Browser browser, string name)
    {
        var page = await browser.OpenAsync(new Uri(relay.Endpoint(ResourceNames.Receiver), "/?channels=general"));
        await page.FillAsync("#name", name);
        await page.PressAsync("#name", "Enter");
        await Assertions.Expect(page.Locator("#presence li.self .name")).ToHaveTextAsync(name);
        return page;
    }

    private static async Task FollowAsync(IPage page, string channel)
    {
        await page.FillAsync("#channel-input", channel);
        await page.PressAsync("#channel-input", "Enter");
    }
}
