using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>
/// Keeps an enrolment's notification rows in step with its calendar: created on enrolment, moved when
/// the clock moves (pause, resume, new start date, preferred hour), cancelled when access ends.
/// Rows already sent are never touched.
/// </summary>
public sealed class NotificationSchedule(AppDbContext db, TimeProvider clock)
{
    /// <summary>Welcome (due now) and weeks 2–6; returns the welcome row's id.</summary>
    public async Task<Guid> ScheduleAsync(Enrolment enrolment, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var welcomeId = Guid.CreateVersion7();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications (id, enrolment_id, user_id, week, kind, due_at, state, created_at, updated_at)
            VALUES ({welcomeId}, {enrolment.Id}, {enrolment.UserId}, 1, 'Welcome', {now}, 'Scheduled', {now}, {now})
            ON CONFLICT (enrolment_id, week, kind) DO NOTHING
            """, ct);
        await RescheduleAsync(enrolment.Id, ct);
        return await db.Notifications.Where(n => n.EnrolmentId == enrolment.Id && n.Kind == NotificationKind.Welcome).Select(n => n.Id).SingleAsync(ct);
    }

    /// <summary>Recomputes every unsent unlock email from the enrolment's current calendar and the learner's settings.</summary>
    public async Task RescheduleAsync(Guid enrolmentId, CancellationToken ct)
    {
        var row = await (from e in db.Enrolments
                         join u in db.Users on e.UserId equals u.Id
                         where e.Id == enrolmentId
                         select new { e, u.TimeZoneId, u.PreferredEmailHour, u.UnlockEmailsOff }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return;
        }
        var enrolment = row.e;
        if (!enrolment.GivesAccess)
        {
            await CancelAsync(enrolmentId, ct);
            return;
        }
        var now = clock.GetUtcNow();
        var zone = LearnerTime.Zone(row.TimeZoneId);
        var calendar = enrolment.Calendar(zone);
        for (var week = 2; week <= WeekUnlockCalendar.Weeks; week++)
        {
            // While paused a week's date is unknown: look again tomorrow (resuming reschedules at once).
            var due = calendar.IsPaused && !calendar.IsOpen(week, now)
                ? now.AddDays(1)
                : NotificationTiming.UnlockDue(calendar, week, zone, row.PreferredEmailHour);
            var id = Guid.CreateVersion7();
            var utc = due.ToUniversalTime();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notifications (id, enrolment_id, user_id, week, kind, due_at, state, created_at, updated_at)
                VALUES ({id}, {enrolment.Id}, {enrolment.UserId}, {week}, 'WeekUnlock', {utc}, 'Scheduled', {now}, {now})
                ON CONFLICT (enrolment_id, week, kind) DO UPDATE
                SET due_at = EXCLUDED.due_at, state = 'Scheduled', updated_at = EXCLUDED.updated_at, attempts = 0, last_error = NULL
                WHERE notifications.state = 'Scheduled' OR (notifications.state = 'Cancelled' AND EXCLUDED.due_at > {now})
                """, ct);
        }
        if (row.UnlockEmailsOff)
        {
            await db.Notifications
                .Where(n => n.EnrolmentId == enrolmentId && n.Kind == NotificationKind.WeekUnlock && n.State == NotificationState.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Cancelled).SetProperty(n => n.LastError, "unsubscribed"), ct);
        }
    }

    public Task CancelAsync(Guid enrolmentId, CancellationToken ct) =>
        db.Notifications
            .Where(n => n.EnrolmentId == enrolmentId && n.State == NotificationState.Scheduled)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationState.Cancelled)
                .SetProperty(n => n.UpdatedAt, clock.GetUtcNow()), ct);

    /// <summary>After a change to the learner's email settings: every enrolment of theirs is rescheduled.</summary>
    public async Task RescheduleUserAsync(Guid userId, CancellationToken ct)
    {
        foreach (var id in await db.Enrolments.Where(e => e.UserId == userId).Select(e => e.Id).ToListAsync(ct))
        {
            await RescheduleAsync(id, ct);
        }
    }
}
