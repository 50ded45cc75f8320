using System.ComponentModel.DataAnnotations;

namespace BackCourse.Web.Infrastructure;

/// <summary>Site-wide settings (section <c>App</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Absolute base URL used in links inside emails, where no request is at hand.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>Development may apply pending migrations at start; production runs <c>migrate</c> instead.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// Believe X-Forwarded-For/Proto (set when a reverse proxy fronts the app), and then only from <see cref="TrustedProxies"/>.
    /// Off, the headers are ignored: anyone can write them, and the sign-in limit is kept per client address.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>The proxies' addresses or networks (<c>10.0.0.5</c>, <c>172.18.0.0/16</c>); none listed means a proxy on this machine (loopback).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public static bool IsAddressOrNetwork(string entry) =>
        entry.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(entry, out _) : System.Net.IPAddress.TryParse(entry, out _);
}

/// <summary>The first admin account (section <c>Admin</c>): never a hard-coded password.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    [EmailAddress]
    public string? Email { get; set; }

    [MinLength(10)]
    public string? Password { get; set; }
}

/// <summary>Demo accounts (section <c>Demo</c>), created in Development only.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    [MinLength(10)]
    public string? Password { get; set; }

    public const string AdminEmail = "admin@backcourse.test";
    public const string InstructorEmail = "instructor@backcourse.test";
    public const string LearnerEmail = "learner@backcourse.test";
}

/// <summary>Limits on sign-in and registration attempts per client address (section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 10_000)]
    public int AuthPermitsPerMinute { get; set; } = 10;
}
