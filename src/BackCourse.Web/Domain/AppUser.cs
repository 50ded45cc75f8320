using Microsoft.AspNetCore.Identity;

namespace BackCourse.Web.Domain;

/// <summary>A person with an account: learner, instructor or admin (roles say which).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>IANA zone id; instants are stored in UTC and shown in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The learner unsubscribed from weekly unlock emails (access is unaffected).</summary>
    public bool UnlockEmailsOff { get; set; }

    /// <summary>No "you've fallen behind" reminders.</summary>
    public bool RemindersOff { get; set; }

    /// <summary>Local hour (0–23) for unlock emails on the day a week opens; null = when it opens.</summary>
    public int? PreferredEmailHour { get; set; }
}
