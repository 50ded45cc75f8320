namespace BackCourse.BrowserTests.Infrastructure;

/// <summary>
/// One Debian Chromium for every browser test: starting a browser costs far more than a fresh context,
/// and each test gets its own context (cookies, storage), so nothing leaks between them.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("BACKCOURSE_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}. `./backcourse test` installs Debian's package (apt-get install chromium); " +
                "Playwright's own browser download does not work here.");
        }
        // A loaded 2-core machine can take longer than Playwright's 5 s default to render a page after a post.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new person at the keyboard: their own cookies, UTC, British English, a desktop-sized window unless told.</summary>
    public async Task<IPage> NewPageAsync(BrowserApp app, int width = 1280, int height = 900)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            // The app's certificate is self-signed, made up for the test run.
            IgnoreHTTPSErrors = true,
            Locale = "en-GB",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    /// <summary>Every browser test class is in this one collection: one Chromium, classes one after another (2 cores).</summary>
    public const string Name = "Browser";
}
