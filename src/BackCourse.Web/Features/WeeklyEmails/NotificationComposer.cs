using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>What to do with a due notification.</summary>
public abstract record Compose
{
    public sealed record Send(OutgoingEmail Email) : Compose;

    public sealed record Skip(string Reason) : Compose;

    public sealed record Later(DateTimeOffset DueAt) : Compose;
}

/// <summary>
/// Builds each email at the moment it is sent, from the current state of things: access, the week
/// being open, the learner's preferences. No email goes out for a week that isn't open.
/// </summary>
public sealed class NotificationComposer(AppDbContext db, UnsubscribeTokens tokens, IOptions<AppOptions> app)
{
    private string Link(string path) => app.Value.PublicBaseUrl.TrimEnd('/') + path;

    public async Task<Compose> ComposeAsync(Guid notificationId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await (from nn in db.Notifications
                         join ee in db.Enrolments on nn.EnrolmentId equals ee.Id
                         join uu in db.Users on ee.UserId equals uu.Id
                         join c in db.Courses on ee.CourseId equals c.Id
                         where nn.Id == notificationId
                         select new { n = nn, e = ee, u = uu, Course = c.Title, CourseId = c.Id }).AsNoTracking().SingleAsync(ct);
        var (n, e, u) = (row.n, row.e, row.u);
        if (!e.GivesAccess)
        {
            return new Compose.Skip("access ended");
        }
        var zone = LearnerTime.Zone(u.TimeZoneId);
        var calendar = e.Calendar(zone);
        var progress = await ProgressAsync(e, ct);

        switch (n.Kind)
        {
            case NotificationKind.Welcome:
                return new Compose.Send(Welcome(u, row.Course));
            case NotificationKind.WeekUnlock:
                if (u.UnlockEmailsOff)
                {
                    return new Compose.Skip("unsubscribed");
                }
                if (!calendar.IsOpen(n.Week, now))
                {
                    return new Compose.Later(calendar.IsPaused ? now.AddDays(1) : NotificationTiming.UnlockDue(calendar, n.Week, zone, u.PreferredEmailHour));
                }
                if (calendar.CurrentWeek(now) > n.Week && !e.AllWeeksUnlocked)
                {
                    return new Compose.Skip("a later week is already open");
                }
                return new Compose.Send(await UnlockAsync(n, u, row.CourseId, progress, ct));
            case NotificationKind.Reminder:
                if (u.RemindersOff)
                {
                    return new Compose.Skip("reminders turned off");
                }
                return new Compose.Send(Reminder(n, u, progress));
            default:
                return new Compose.Skip("unknown kind");
        }
    }

    private async Task<(int Completed, int Total)> ProgressAsync(Enrolment e, CancellationToken ct) =>
        (await db.SectionProgress.CountAsync(p => p.EnrolmentId == e.Id && p.CompletedAt != null, ct),
         await db.Sections.CountAsync(s => s.CourseId == e.CourseId && s.IsPublished, ct));

    private OutgoingEmail Welcome(AppUser u, string course) =>
        EmailTemplates.Compose(u.Email!, $"Welcome to {course}: week 1 is open", "welcome", u.Id,
            $"Welcome, {u.DisplayName}",
            [$"You're enrolled in {course}. Week 1 is open now, and a new week opens every 7 days. We'll email you when each one does.",
             "Before your first lesson you'll be asked to read a short notice on when to see a doctor. Please do: this course is education, not medical advice."],
            "Start week 1", Link("/learn"));

    private async Task<OutgoingEmail> UnlockAsync(Notification n, AppUser u, Guid courseId, (int Completed, int Total) progress, CancellationToken ct)
    {
        var week = await db.Weeks.AsNoTracking().SingleAsync(w => w.CourseId == courseId && w.Number == n.Week, ct);
        var sections = await db.Sections.AsNoTracking()
            .Where(s => s.CourseId == courseId && s.WeekNumber == n.Week && s.IsPublished)
            .OrderBy(s => s.Position)
            .Select(s => new { s.Title, s.Minutes, s.Kind, s.Summary })
            .ToListAsync(ct);
        var tip = sections.FirstOrDefault(s => s.Kind == SectionKind.Tip);
        var minutes = sections.Sum(s => s.Minutes);
        var unsubscribe = Link($"/unsubscribe?token={tokens.Create(u.Id)}");
        var paragraphs = new List<string>
        {
            $"Hello {u.DisplayName}, week {n.Week} of the course is open: \u201c{week.Title}\u201d.",
            week.Summary,
            $"Inside ({sections.Count} sections, about {minutes} minutes): " + string.Join("; ", sections.Select(s => s.Title)) + ".",
        };
        if (tip is not null)
        {
            paragraphs.Add($"A tip from this week: {tip.Title}. {tip.Summary}");
        }
        paragraphs.Add($"Your progress so far: {progress.Completed} of {progress.Total} sections complete.");
        paragraphs.Add($"Don't want these weekly emails? Unsubscribe with one click (your access stays): {unsubscribe}");
        var email = EmailTemplates.Compose(u.Email!, $"Week {n.Week} is open: {week.Title}", "week-unlock", u.Id,
            $"Week {n.Week} is open", paragraphs, $"Open week {n.Week}", Link($"/learn/weeks/{n.Week}"));
        return email with
        {
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }

    private OutgoingEmail Reminder(Notification n, AppUser u, (int Completed, int Total) progress) =>
        EmailTemplates.Compose(u.Email!, "Your back course is waiting for you", "reminder", u.Id,
            "A gentle nudge",
            [$"Hello {u.DisplayName}, it's been a week since you last completed a section. Week {n.Week} is open whenever you're ready.",
             "Ten minutes today is plenty. Small, regular steps help a sore back more than big occasional ones.",
             $"Your progress so far: {progress.Completed} of {progress.Total} sections complete.",
             "You can turn these reminders off on your account page."],
            "Pick up where you left off", Link("/learn"));
}
