using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Account;

/// <summary>
/// "Download my data": everything we hold about one person, as JSON. Each feature that stores
/// personal data adds its part here, so the export stays complete as the product grows.
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
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
        var quizAttempts = await db.QuizAttempts.AsNoTracking().Where(a => enrolmentIds.Contains(a.EnrolmentId))
            .Join(db.Sections, a => a.SectionId, s => s.Id, (a, s) => new { quiz = s.Slug, a.Number, a.AnswersJson, a.ScorePercent, a.Passed, a.StartedAt, a.SubmittedAt })
            .ToListAsync(ct);
        var reflections = await db.Reflections.AsNoTracking().Where(r => enrolmentIds.Contains(r.EnrolmentId))
            .Join(db.Sections, r => r.SectionId, s => s.Id, (r, s) => new { r.Id, section = s.Slug, State = r.State.ToString(), r.AnswersJson, r.SubmittedAt, r.ReviewedAt })
            .ToListAsync(ct);
        var reflectionIds = reflections.Select(r => r.Id).ToList();
        var messages = await db.ReflectionMessages.AsNoTracking().Where(m => reflectionIds.Contains(m.ReflectionId))
            .OrderBy(m => m.CreatedAt).Select(m => new { m.ReflectionId, m.FromInstructor, m.Body, m.CreatedAt }).ToListAsync(ct);
        var feedback = await db.FeedbackItems.AsNoTracking().Where(f => f.UserId == user.Id)
            .Select(f => new { Kind = f.Kind.ToString(), f.WeekNumber, f.Body, f.CreatedAt, f.Reply }).ToListAsync(ct);
        var votes = await db.SectionVotes.AsNoTracking().Where(v => enrolmentIds.Contains(v.EnrolmentId))
            .Join(db.Sections, v => v.SectionId, s => s.Id, (v, s) => new { section = s.Slug, v.Helpful }).ToListAsync(ct);
        var reviews = await db.CourseReviews.AsNoTracking().Where(r => r.UserId == user.Id)
            .Select(r => new { r.Rating, r.Body, Status = r.Status.ToString(), r.CreatedAt }).ToListAsync(ct);

        return new
        {
            exportedAt = clock.GetUtcNow(),
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
            quizAttempts = quizAttempts.Select(a => new
            {
                a.quiz, a.Number, answers = a.AnswersJson is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonDocument.Parse(a.AnswersJson).RootElement,
                a.ScorePercent, a.Passed, a.StartedAt, a.SubmittedAt,
            }),
            reflections = reflections.Select(r => new
            {
                r.section, r.State, answers = System.Text.Json.JsonDocument.Parse(r.AnswersJson).RootElement, r.SubmittedAt, r.ReviewedAt,
                messages = messages.Where(m => m.ReflectionId == r.Id).Select(m => new { m.FromInstructor, m.Body, m.CreatedAt }),
            }),
            feedback,
            helpfulnessVotes = votes,
            reviews,
            emailsSent = emails,
        };
    }
}
