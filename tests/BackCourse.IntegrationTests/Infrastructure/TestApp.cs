using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>
/// The real app in-process (WebApplicationFactory), on its own PostgreSQL database, sending its mail
/// over SMTP to its own listener, with a clock the test controls. Runs as "Testing": not Development,
/// so production settings (secure cookies, HSTS) are what gets tested.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    static TestApp()
    {
        // Hundreds of app instances in one process would each take inotify watches (configuration reload,
        // asp-append-version) and hit the kernel's per-user limit of 128 instances; tests never edit files.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;

    private readonly string environment;

    private TestApp(string connectionString, SmtpSink smtp, FakeTimeProvider clock,
        Dictionary<string, string?> extra, Action<IServiceCollection>? configureServices, string environment)
    {
        this.environment = environment;
        ConnectionString = connectionString;
        Smtp = smtp;
        Clock = clock;
        this.configureServices = configureServices;
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            ["App:PublicBaseUrl"] = "https://localhost",
            ["App:MigrateOnStartup"] = "false",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["RateLimits:AuthPermitsPerMinute"] = "1000",
            ["Media:Folder"] = MediaFolder,
            // A Hangfire server runs only in the tests about scheduling; the rest call the dispatcher when they need it.
            ["Scheduling:Enabled"] = "false",
            // No Stripe keys in most tests: the local test payment page stands in (an explicit opt-in outside Development).
            ["Stripe:AllowTestPaymentPage"] = "true",
            // Quiet logs: warnings and errors only, without the expected unencrypted-key notice.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
    }

    public const string AdminEmail = "admin@tests.backcourse.test";
    public const string AdminPassword = "admin-password-for-tests";

    public string ConnectionString { get; }

    /// <summary>Where this app keeps uploaded images; removed with the app.</summary>
    public string MediaFolder { get; } = Path.Combine(Path.GetTempPath(), "backcourse-media-" + Guid.NewGuid().ToString("N"));

    public SmtpSink Smtp { get; }
    public FakeTimeProvider Clock { get; }

    /// <summary>Starts an app on a fresh migrated database (or the one given).</summary>
    public static async Task<TestApp> StartAsync(
        Dictionary<string, string?>? settings = null,
        string? connectionString = null,
        Action<IServiceCollection>? configureServices = null,
        DateTimeOffset? now = null,
        string environment = "Testing")
    {
        connectionString ??= await TestDatabase.CreateMigratedAsync();
        var app = new TestApp(connectionString, new SmtpSink(), new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)),
            settings ?? [], configureServices, environment);
        try
        {
            _ = app.Server; // start now, so start-up failures surface here
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            configureServices?.Invoke(services);
        });
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests assert them).</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
    });

    /// <summary>Leave the database behind on dispose (another instance in the same test goes on using it).</summary>
    public bool KeepDatabase { get; set; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        if (Directory.Exists(MediaFolder))
        {
            Directory.Delete(MediaFolder, recursive: true);
        }
        if (!KeepDatabase)
        {
            await TestDatabase.DropAsync(ConnectionString);
        }
    }
}

public static class HttpStatusAssertions
{
    public static void ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode} " +
                        $"(Location: {response.Headers.Location}). Body starts: {body[..Math.Min(body.Length, 1500)]}");
        }
    }
}
