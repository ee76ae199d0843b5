using Microsoft.Playwright;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// Headless Debian chromium driven by Playwright (no `playwright install`: the browser is the
/// system's). Its profile, config and cache live in a temp folder removed at disposal.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _home;

    private Browser(IPlaywright playwright, IBrowser chromium, string home)
    {
        _playwright = playwright;
        Chromium = chromium;
        _home = home;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install it with 'apt-get install chromium' (the README's test command does).");
        var home = Directory.CreateTempSubdirectory("relay-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var chromium = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Timeout = (float)TestTimeouts.Step.TotalMilliseconds * 2,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                ],
                Env = new Dictionary<string, string>
                {
                    ["XDG_CONFIG_HOME"] = Path.Combine(home, "config"),
                    ["XDG_CACHE_HOME"] = Path.Combine(home, "cache"),
                    ["HOME"] = home,
                },
            });
            return new Browser(playwright, chromium, home);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async Task<IPage> OpenAsync(Uri url)
    {
        var page = await Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
        page.SetDefaultTimeout((float)TestTimeouts.Step.TotalMilliseconds);
        await page.GotoAsync(url.ToString());
        return page;
    }

    /// <summary>Saves a screenshot into screenshots/ in the test output folder, for a person to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
