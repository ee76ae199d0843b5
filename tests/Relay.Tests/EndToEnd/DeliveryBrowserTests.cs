using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

/// <summary>The pages' side of issue 4: the Sender's retries, the Receiver's binary preview and presence list.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class DeliveryBrowserTests(RelayApp relay)
{
    // The smallest valid PNG: one transparent pixel (70 bytes).
    private static readonly byte[] s_png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    // The page retries for 0.5 + 1 + 2 + 4 + 8 s (± 20 %) before it gives up: long enough for the Api to come back.
    private static readonly LocatorAssertionsToHaveAttributeOptions s_retriesDone = new() { Timeout = (float)TestTimeouts.Recovery.TotalMilliseconds };

    [Fact]
    public async Task SendWhileTheApiIsDown_ShowsRetrying_ThenAcceptedOnce_AndTheReceiverShowsItOnce()
    {
        var channel = RelayApi.UniqueChannel("retry-page");
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser, channel);
        var sender = await browser.OpenAsync(relay.Endpoint(ResourceNames.Sender));
        var text = Publisher.UniqueText("retried");
        var apiStopped = false;
        try
        {
            await relay.StopResourceAsync(ResourceNames.Api, 0, TestTimeouts.After(TestTimeouts.Recovery));
            apiStopped = true;

            await SendAsync(sender, channel, "alice", text);

            var outcome = sender.Locator("#outcomes li").Filter(new() { HasText = text });
            await Assertions.Expect(outcome).ToHaveAttributeAsync("data-status", "retrying");
            await Assertions.Expect(outcome).ToContainTextAsync(new Regex("retry \\d of 5"));
            await relay.StartResourceAsync(ResourceNames.Api, 0, TestTimeouts.After(TestTimeouts.Recovery));
            apiStopped = false;
            await relay.WaitForResourceHealthyAsync(ResourceNames.Api, TestTimeouts.After(TestTimeouts.Recovery));

            await Assertions.Expect(outcome).ToHaveAttributeAsync("data-status", "accepted", s_retriesDone);
            Assert.True(int.Parse(await outcome.GetAttributeAsync("data-attempts") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 1);
            await Assertions.Expect(outcome.Locator(".offset")).ToHaveTextAsync("1");
        }
        finally
        {
            if (apiStopped)
            {
                await relay.StartResourceAsync(ResourceNames.Api, 0, TestTimeouts.After(TestTimeouts.Recovery));
            }
        }

        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var marker = Publisher.UniqueText("marker");
        await Publisher.PublishAsync(api, channel, marker);
        await Assertions.Expect(receiver.Locator("#messages li.message").Filter(new() { HasText = marker })).ToHaveCountAsync(1);
        await Assertions.Expect(receiver.Locator("#messages li.message").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        var history = (await RelayApi.GetHistoryAsync(api, channel)).Expect(System.Net.HttpStatusCode.OK).Body;
        Assert.Equal([text, marker], history.GetProperty("messages").EnumerateArray().Select(m => m.Text()));
    }

    [Fact]
    public async Task BinaryPngMessage_ShowsAnImagePreview_AndItsSize_OnTheReceiverPage()
    {
        var channel = RelayApi.UniqueChannel("png-page");
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser, channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var published = await RelayApi.PublishDataAsync(api, channel, s_png, "image/png");

        var shown = receiver.Locator($"#messages li.message[data-offset='{published.Offset}']");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await Assertions.Expect(shown.Locator(".binary")).ToContainTextAsync("image/png");
        await Assertions.Expect(shown.Locator(".binary .size")).ToHaveTextAsync($"{s_png.Length} bytes");
        var image = shown.Locator("img");
        await Assertions.Expect(image).ToHaveCountAsync(1);
        Assert.Equal($"data:image/png;base64,{Convert.ToBase64String(s_png)}", await image.GetAttributeAsync("src"));
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"), "The preview did not decode as a 1×1 image.");
    }

    [Fact]
    public async Task FileSentOnTheSenderPage_ShowsAsAnImageOnTheReceiverPage()
    {
        var channel = RelayApi.UniqueChannel("file-page");
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser, channel);
        var sender = await browser.OpenAsync(relay.Endpoint(ResourceNames.Sender));
        await sender.FillAsync("#channel", channel);
        await sender.FillAsync("#sender", "ivy");

        await sender.SetInputFilesAsync("#file", new FilePayload { Name = "dot.png", MimeType = "image/png", Buffer = s_png });

        var outcome = sender.Locator("#outcomes li").Filter(new() { HasText = "dot.png" });
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-status", "accepted");
        var shown = receiver.Locator("#messages li.message").Filter(new() { HasText = "ivy" });
        await Assertions.Expect(shown.Locator(".binary .content-type")).ToHaveTextAsync("image/png");
        Assert.Equal($"data:image/png;base64,{Convert.ToBase64String(s_png)}", await shown.Locator("img").GetAttributeAsync("src"));
    }

    [Fact]
    public async Task FileOver64KiB_IsRefusedOnTheSenderPage_AndNothingIsPublished()
    {
        var channel = RelayApi.UniqueChannel("file-large");
        await using var browser = await Browser.LaunchAsync();
        var sender = await browser.OpenAsync(relay.Endpoint(ResourceNames.Sender));
        await sender.FillAsync("#channel", channel);
        await sender.FillAsync("#sender", "ivy");

        await sender.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "big.bin",
            MimeType = "application/octet-stream",
            Buffer = new byte[MessageLimits.MaxDataBytes + 1],
        });

        var outcome = sender.Locator("#outcomes li").Filter(new() { HasText = "big.bin" });
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-status", "error");
        await Assertions.Expect(outcome).ToContainTextAsync("64 KiB");
        Assert.Equal("0", await outcome.GetAttributeAsync("data-attempts"));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var history = (await RelayApi.GetHistoryAsync(api, channel)).Expect(System.Net.HttpStatusCode.OK).Body;
        Assert.Equal(0, history.GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task BinaryMessageOfAnotherType_HasNoPreview()
    {
        var channel = RelayApi.UniqueChannel("svg-page");
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser, channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var svg = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"u8.ToArray();
        var dialogs = 0;
        receiver.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        var published = await RelayApi.PublishDataAsync(api, channel, svg, "image/svg+xml");

        var shown = receiver.Locator($"#messages li.message[data-offset='{published.Offset}']");
        await Assertions.Expect(shown.Locator(".binary")).ToContainTextAsync("image/svg+xml");
        Assert.Equal(0, await shown.Locator("img").CountAsync());
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task NamedReceiverPage_IsInTheApisPresence_AndListsAnotherNamedClient()
    {
        var channel = RelayApi.UniqueChannel("presence-page");
        await using var browser = await Browser.LaunchAsync();
        var receiver = await OpenConnectedReceiverAsync(browser, channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        await receiver.FillAsync("#name", "page-dana");
        await receiver.PressAsync("#name", "Enter");
        await RelayApi.WaitForPresenceAsync(api, channel, members => members.Any(m => m.GetProperty("name").GetString() == "page-dana"));
        var erin = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}&name=erin"));
        ILocator shownErin;
        try
        {
            var members = receiver.Locator("#presence li[data-client]");
            await Assertions.Expect(members.Filter(new() { HasText = "page-dana" })).ToHaveCountAsync(1);
            await Assertions.Expect(receiver.Locator("#presence li.self .name")).ToHaveTextAsync("page-dana");
            shownErin = receiver.Locator($"#presence li[data-client='{erin.Client}']");
            await Assertions.Expect(shownErin.Locator(".name")).ToHaveTextAsync("erin");
            await Assertions.Expect(shownErin.Locator(".replica")).ToContainTextAsync(relay.Replica(ResourceNames.WsBackend, 1).InstanceId!);
        }
        finally
        {
            await erin.DisposeAsync();
        }

        await Assertions.Expect(shownErin).ToHaveCountAsync(0);
    }

    private async Task<IPage> OpenConnectedReceiverAsync(Browser browser, string channel)
    {
        var page = await browser.OpenAsync(new Uri(relay.Endpoint(ResourceNames.Receiver), $"/?channels={channel}"));
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("connected");
        await Assertions.Expect(page.Locator($"#channels li[data-channel='{channel}']:not(.pending)")).ToHaveCountAsync(1);
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
