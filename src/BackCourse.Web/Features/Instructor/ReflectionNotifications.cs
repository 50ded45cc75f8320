using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.Instructor;

/// <summary>Emails about reflections: the learner hears when an instructor writes; instructors get a daily digest.</summary>
public sealed class ReflectionNotifications(AppDbContext db, IEmailSender sender, IOptions<AppOptions> app, TimeProvider clock)
{
    private string Link(string path) => app.Value.PublicBaseUrl.TrimEnd('/') + path;

    public async Task NotifyLearnerAsync(Guid reflectionId, string what, CancellationToken ct)
    {
        var target = await (from r in db.Reflections
                            join s in db.Sections on r.SectionId equals s.Id
                            join e in db.Enrolments on r.EnrolmentId equals e.Id
                            join u in db.Users on e.UserId equals u.Id
                            where r.Id == reflectionId
                            select new { u.Id, u.Email, u.DisplayName, s.Slug, s.Title }).SingleAsync(ct);
        await sender.SendAsync(EmailTemplates.Compose(
            target.Email!, $"Your instructor {what}: {target.Title}", "reflection-reply", target.Id,
            $"Your instructor {what}",
            [$"Hello {target.DisplayName}, your instructor has {what} on your reflection \u201c{target.Title}\u201d.",
             "Open it to read their feedback and write back if you like."],
            "Read the feedback", Link($"/learn/{target.Slug}#thread")), ct);
    }

    /// <summary>
    /// Sends each assigned instructor one email a day listing reflections submitted since their last
    /// digest. A row in digest_runs claims the day first, so two nodes never both send it.
    /// </summary>
    public async Task<int> SendDailyDigestsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var instructors = await (from ci in db.CourseInstructors
                                 join u in db.Users on ci.UserId equals u.Id
                                 select new { u.Id, u.Email, u.DisplayName, ci.CourseId }).ToListAsync(ct);
        var sent = 0;
        foreach (var instructor in instructors.GroupBy(i => i.Id))
        {
            var first = instructor.First();
            var courseIds = instructor.Select(i => i.CourseId).ToList();
            var since = await db.DigestRuns.Where(d => d.InstructorId == first.Id).MaxAsync(d => (DateTimeOffset?)d.SentAt, ct)
                        ?? now.AddDays(-1);
            var fresh = await (from r in db.Reflections
                               join e in db.Enrolments on r.EnrolmentId equals e.Id
                               join s in db.Sections on r.SectionId equals s.Id
                               join u in db.Users on e.UserId equals u.Id
                               where courseIds.Contains(e.CourseId) && r.SubmittedAt > since
                                     && (r.State == ReflectionState.Submitted || r.State == ReflectionState.Resubmitted)
                               orderby r.Urgent descending, r.SubmittedAt
                               select new { u.DisplayName, s.Title, s.WeekNumber, r.Urgent }).ToListAsync(ct);
            if (fresh.Count == 0)
            {
                continue;
            }
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO digest_runs (instructor_id, day, sent_at, count) VALUES ({first.Id}, {today}, {now}, {fresh.Count})
                ON CONFLICT DO NOTHING
                """, ct);
            if (claimed == 0)
            {
                continue;
            }
            var lines = fresh.Select(f => $"{(f.Urgent ? "URGENT: " : "")}{f.DisplayName}, week {f.WeekNumber}: {f.Title}").ToList();
            await sender.SendAsync(EmailTemplates.Compose(
                first.Email!, $"{fresh.Count} new reflection{(fresh.Count == 1 ? "" : "s")} to review", "instructor-digest", first.Id,
                $"{fresh.Count} new reflection{(fresh.Count == 1 ? "" : "s")} since your last digest",
                [.. lines.Prepend($"Hello {first.DisplayName}, these learners submitted reflections:")],
                "Open the review queue", Link("/instructor")), ct);
            sent++;
        }
        return sent;
    }
}
