using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

[Collection(RelayAppCollection.Name)]
public sealed class BrowserTests(RelayApp relay)
{
    [Fact]
    public async Task MessageSentOnTheSenderPage_ShowsOnTheReceiverPage()
    {
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser);
        var sender = await browser.OpenAsync(relay.Endpoint(ResourceNames.Sender));
        var text = Publisher.UniqueText("browser");

        await SendAsync(sender, "general", "alice", text);

        await Assertions.Expect(sender.Locator("#outcomes li[data-status=accepted]").First).ToContainTextAsync(text);
        var shown = receiver.Locator("#messages li.message").Filter(new() { HasText = text });
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await Assertions.Expect(shown.Locator(".sender")).ToHaveTextAsync("alice");
        await Assertions.Expect(shown.Locator(".channel")).ToContainTextAsync("general");
        await Assertions.Expect(shown.Locator(".latency")).ToContainTextAsync("ms");
        await Assertions.Expect(receiver.Locator("#replica")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^wsbackend-[a-z0-9]+$"));
        await Browser.ScreenshotAsync(sender, "sender");
        await Browser.ScreenshotAsync(receiver, "receiver");
    }

    [Fact]
    public async Task HtmlInAMessage_IsShownAsLiteralText_AndNothingRuns()
    {
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser);
        var sender = await browser.OpenAsync(relay.Endpoint(ResourceNames.Sender));
        var dialogs = 0;
        receiver.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        sender.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        const string Payload = "<img src=x onerror=alert(1)>";
        var marker = Publisher.UniqueText("xss");

        await SendAsync(sender, "general", "mallory", $"{marker} {Payload}");

        var shown = receiver.Locator("#messages li.message").Filter(new() { HasText = marker });
        await Assertions.Expect(shown.Locator(".text")).ToHaveTextAsync($"{marker} {Payload}");
        await Assertions.Expect(sender.Locator("#outcomes li").First).ToContainTextAsync(marker);
        Assert.Equal(0, await receiver.Locator("#messages img").CountAsync());
        Assert.Equal(0, await sender.Locator("#outcomes img").CountAsync());
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task InvalidMessageOnTheSenderPage_ShowsTheApisError()
    {
        await using var browser = await Browser.LaunchAsync();
        var sender = await browser.OpenAsync(relay.Endpoint(ResourceNames.Sender));

        await SendAsync(sender, "bad channel!", "alice", "hello");

        var outcome = sender.Locator("#outcomes li").First;
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-status", "error");
        await Assertions.Expect(outcome).ToContainTextAsync("400");
    }

    [Fact]
    public async Task ReceiverPage_FollowsAnAddedChannel()
    {
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser);
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        await receiver.FillAsync("#channel-input", "added-in-page");
        await receiver.ClickAsync("#subscribe");

        // The page marks a channel pending until the replica's "subscribed" answer arrives.
        await Assertions.Expect(receiver.Locator("#channels li[data-channel='added-in-page']:not(.pending)")).ToHaveCountAsync(1);
        var text = Publisher.UniqueText();
        await Publisher.PublishAsync(api, "added-in-page", text);
        await Assertions.Expect(receiver.Locator("#messages li.message").Filter(new() { HasText = text })).ToHaveCountAsync(1);
    }

    private async Task<IPage> OpenConnectedReceiverAsync(Browser browser)
    {
        var page = await browser.OpenAsync(relay.Endpoint(ResourceNames.Receiver));
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("connected");
        return page;
    }

    private static async Task SendAsync(IPage sender, string channel, string name, string text)
    {
        await sender.FillAsync("#channel", channel);
        await sender.FillAsync("#sender", name);
        await sender.FillAsync("#text", text);
        await sender.PressAsync("#text", "Enter");
    }
}
