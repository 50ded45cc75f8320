using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Account;

/// <summary>
/// "Download my data": everything we hold about one person, as JSON. Each feature that stores
/// personal data adds its part here, so the export stays complete as the product grows.
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, UserManager<AppUser> users)
{
    public async Task<object> BuildAsync(AppUser user, CancellationToken ct)
    {
        var roles = await users.GetRolesAsync(user);
        var emails = await db.EmailMessages.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.ToAddress, m.Subject, m.Kind, Status = m.Status.ToString(), m.CreatedAt, m.SentAt })
            .ToListAsync(ct);
        var logins = await db.UserLogins.AsNoTracking()
            .Where(l => l.UserId == user.Id)
            .Select(l => new { l.LoginProvider, l.ProviderDisplayName })
            .ToListAsync(ct);

        return new
        {
            exportedAt = DateTimeOffset.UtcNow,
            account = new
            {
                user.Id,
                user.Email,
                user.EmailConfirmed,
                user.DisplayName,
                user.TimeZoneId,
                user.CreatedAt,
                user.LockoutEnd,
                user.AccessFailedCount,
                roles,
                externalLogins = logins,
            },
            emailsSent = emails,
        };
    }
}
