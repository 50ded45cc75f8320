using Microsoft.AspNetCore.Identity;

namespace BackCourse.Web.Domain;

/// <summary>A person with an account: learner, instructor or admin (roles say which).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>IANA zone id; instants are stored in UTC and shown in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public DateTimeOffset CreatedAt { get; set; }
}
