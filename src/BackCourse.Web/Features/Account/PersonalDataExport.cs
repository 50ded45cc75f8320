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

        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.UserId == user.Id).ToListAsync(ct);
        var enrolmentIds = enrolments.Select(e => e.Id).ToList();
        var progress = await db.SectionProgress.AsNoTracking()
            .Where(p => enrolmentIds.Contains(p.EnrolmentId))
            .Join(db.Sections, p => p.SectionId, s => s.Id, (p, s) => new { section = s.Slug, p.FirstOpenedAt, p.CompletedAt })
            .ToListAsync(ct);
        var worksheets = await db.WorksheetAnswers.AsNoTracking()
            .Where(a => enrolmentIds.Contains(a.EnrolmentId))
            .Join(db.Sections, a => a.SectionId, s => s.Id, (a, s) => new { section = s.Slug, a.AnswersJson, a.UpdatedAt })
            .ToListAsync(ct);
        var painLog = await db.PainLog.AsNoTracking().Where(p => p.UserId == user.Id).OrderBy(p => p.Day)
            .Select(p => new { p.Day, p.Pain, p.Stiffness, p.Note }).ToListAsync(ct);

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
            enrolments = enrolments.Select(e => new
            {
                e.CourseId, Status = e.Status.ToString(), e.StartedAt, e.PausedAt, e.PausedTotal, e.AllWeeksUnlocked, e.SafetyConfirmedAt, e.CreatedAt,
            }),
            sectionProgress = progress,
            worksheetAnswers = worksheets.Select(w => new { w.section, answers = System.Text.Json.JsonDocument.Parse(w.AnswersJson).RootElement, w.UpdatedAt }),
            painLog,
            emailsSent = emails,
        };
    }
}
