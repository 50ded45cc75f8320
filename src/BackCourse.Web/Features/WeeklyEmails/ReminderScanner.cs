using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>
/// Finds learners who have completed nothing for 7 days while a week is open and owes each one
/// reminder for their current week, at most (the unique key on the row makes "at most" hold).
/// </summary>
public sealed class ReminderScanner(AppDbContext db, TimeProvider clock)
{
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var weekAgo = now.AddDays(-7);
        var candidates = await (from e in db.Enrolments
                                join u in db.Users on e.UserId equals u.Id
                                where e.Status == EnrolmentStatus.Active && !u.RemindersOff && e.StartedAt <= weekAgo
                                      && !db.SectionProgress.Any(p => p.EnrolmentId == e.Id && p.CompletedAt > weekAgo)
                                select new { e, u.TimeZoneId }).AsNoTracking().ToListAsync(ct);
        var created = 0;
        foreach (var c in candidates)
        {
            var week = c.e.Calendar(LearnerTime.Zone(c.TimeZoneId)).CurrentWeek(now);
            created += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notifications (id, enrolment_id, user_id, week, kind, due_at, state, created_at, updated_at)
                VALUES ({Guid.CreateVersion7()}, {c.e.Id}, {c.e.UserId}, {week}, 'Reminder', {now}, 'Scheduled', {now}, {now})
                ON CONFLICT (enrolment_id, week, kind) DO NOTHING
                """, ct);
        }
        return created;
    }
}
