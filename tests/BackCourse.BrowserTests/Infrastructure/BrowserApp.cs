using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BackCourse.BrowserTests.Infrastructure;

/// <summary>
/// The real app served by Kestrel on a loopback port a browser can reach (the TestServer the
/// integration tests use lives only in memory), on its own database cloned from the migrated template,
/// with its mail going over SMTP to a listener here and a clock the test moves. Settings match the
/// integration tests' TestApp: the "Testing" environment, the local test payment page, no Quartz.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@browser.backcourse.test";
    public const string AdminPassword = "admin-password-for-browser-tests";
    public const string Password = "a long test password";
    public const string CourseSlug = "upper-back-spasms";

    static BrowserApp()
    {
        // As in TestApp: no inotify watches per app; the tests never edit files.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private static readonly Lazy<X509Certificate2> Certificate = new(SelfSignedLoopbackCertificate);

    private readonly Dictionary<string, string?> settings;

    private BrowserApp(string connectionString, int port)
    {
        ConnectionString = connectionString;
        BaseUrl = $"https://127.0.0.1:{port}";
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            // Links in emails point at the served address, so the browser can follow them.
            ["App:PublicBaseUrl"] = BaseUrl,
            ["App:MigrateOnStartup"] = "false",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["RateLimits:AuthPermitsPerMinute"] = "1000",
            ["Media:Folder"] = MediaFolder,
            // The tests call the dispatcher when they want due emails sent, after moving the clock.
            ["Scheduling:Enabled"] = "false",
            ["Stripe:AllowTestPaymentPage"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        // HTTPS, because outside Development the app marks its cookies Secure and its antiforgery refuses
        // plain HTTP: the browser sees what a learner's browser sees. The certificate is made up for the run.
        UseKestrel(options => options.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(Certificate.Value)));
    }

    /// <summary>Where the browser reaches the app, e.g. https://127.0.0.1:41234.</summary>
    public string BaseUrl { get; }

    public string ConnectionString { get; }

    public SmtpSink Smtp { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public string MediaFolder { get; } = Path.Combine(Path.GetTempPath(), "backcourse-media-" + Guid.NewGuid().ToString("N"));

    public static async Task<BrowserApp> StartAsync()
    {
        var app = new BrowserApp(await TestDatabase.CreateMigratedAsync(), FreeLoopbackPort());
        try
        {
            app.StartServer();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>
    /// A port nothing listens on now. The public base URL must be known before the app starts (it is in
    /// the links the app emails), so the port is chosen here rather than by Kestrel.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A throwaway certificate for 127.0.0.1; the browser contexts are told to accept it.</summary>
    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        // Round-trip through PKCS#12 so the private key is one TLS can use.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the CSS and script are found only in published output; serve them from the
        // build as Development does, or the browser would see unstyled pages without site.js.
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        if (Directory.Exists(MediaFolder))
        {
            Directory.Delete(MediaFolder, recursive: true);
        }
        await TestDatabase.DropAsync(ConnectionString);
    }

    // ------------------------------------------------------------ arranging, straight in the database

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>A confirmed account with a role, created directly (the journeys register through the pages).</summary>
    public async Task<AppUser> CreateUserAsync(string email, string role = Roles.Learner, string name = "Test Person")
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            TimeZoneId = "UTC",
            CreatedAt = Clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>An active enrolment that started at the given time, past the red-flag notice.</summary>
    public async Task<Enrolment> EnrolAsync(AppUser user, DateTimeOffset startedAt) => await WithDbAsync(async db =>
    {
        var course = await db.Courses.SingleAsync(c => c.Slug == CourseSlug);
        var enrolment = new Enrolment
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            CourseId = course.Id,
            StartedAt = startedAt,
            Status = EnrolmentStatus.Active,
            SafetyConfirmedAt = startedAt,
            CreatedAt = startedAt,
        };
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync();
        return enrolment;
    });

    /// <summary>An instructor assigned to the course, as the integration tests arrange one.</summary>
    public async Task<AppUser> CreateInstructorAsync(string email, string name)
    {
        var user = await CreateUserAsync(email, Roles.Instructor, name);
        await WithDbAsync(async db =>
        {
            var course = await db.Courses.SingleAsync(c => c.Slug == CourseSlug);
            db.CourseInstructors.Add(new CourseInstructor { CourseId = course.Id, UserId = user.Id });
            return await db.SaveChangesAsync();
        });
        return user;
    }

    public Task<Section> SectionAsync(string titleOrSlug) => WithDbAsync(db =>
        db.Sections.AsNoTracking().SingleAsync(s => s.Slug == titleOrSlug || s.Title == titleOrSlug));

    public Task<Section> FirstSectionAsync(int week, SectionKind kind) => WithDbAsync(db =>
        db.Sections.AsNoTracking().Where(s => s.WeekNumber == week && s.Kind == kind && s.ArchivedAt == null)
            .OrderBy(s => s.Position).FirstAsync());
}
