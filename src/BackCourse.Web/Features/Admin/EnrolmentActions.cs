using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

/// <summary>
/// What staff can do to a learner's enrolment. Every change to the week clock goes through here, so
/// later work (unlock emails) has one place to hook into.
/// </summary>
public sealed class EnrolmentActions(AppDbContext db, Enrolments.EnrolmentAccess access, WeeklyEmails.NotificationSchedule schedule, TimeProvider clock)
{
    /// <summary>Gives access (comp or manual); re-activates a revoked or refunded enrolment.</summary>
    public Task<Enrolment> GrantAsync(Guid userId, Guid courseId, DateTimeOffset? startAt, CancellationToken ct) =>
        access.GrantAsync(userId, courseId, startAt, ct);

    public async Task<bool> PauseAsync(Guid enrolmentId, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == enrolmentId, ct);
        if (enrolment is not { Status: EnrolmentStatus.Active })
        {
            return false;
        }
        enrolment.Status = EnrolmentStatus.Paused;
        enrolment.PausedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await schedule.RescheduleAsync(enrolmentId, ct); // pending emails wait
        return true;
    }

    /// <summary>Resuming adds the paused time to the clock, so every unopened week shifts by it.</summary>
    public async Task<bool> ResumeAsync(Guid enrolmentId, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == enrolmentId, ct);
        if (enrolment is not { Status: EnrolmentStatus.Paused, PausedAt: { } pausedAt })
        {
            return false;
        }
        enrolment.PausedTotal += clock.GetUtcNow() - pausedAt;
        enrolment.PausedAt = null;
        enrolment.Status = EnrolmentStatus.Active;
        await db.SaveChangesAsync(ct);
        await schedule.RescheduleAsync(enrolmentId, ct); // and move by the time paused
        return true;
    }

    public async Task<bool> UnlockAllAsync(Guid enrolmentId, CancellationToken ct) =>
        await db.Enrolments.Where(e => e.Id == enrolmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.AllWeeksUnlocked, true), ct) > 0;

    /// <summary>Moves the start; sections the learner already opened stay open whatever the new dates say.</summary>
    public async Task<bool> MoveStartAsync(Guid enrolmentId, DateTimeOffset startAt, CancellationToken ct)
    {
        var utc = startAt.ToUniversalTime(); // timestamptz takes UTC instants only
        var moved = await db.Enrolments.Where(e => e.Id == enrolmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StartedAt, utc), ct) > 0;
        if (moved)
        {
            await schedule.RescheduleAsync(enrolmentId, ct);
        }
        return moved;
    }

    /// <summary>Ends access; a pause in progress is closed first so its time is not lost.</summary>
    public async Task<bool> RevokeAsync(Guid enrolmentId, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == enrolmentId, ct);
        if (enrolment is not { GivesAccess: true })
        {
            return false;
        }
        if (enrolment.PausedAt is { } pausedAt)
        {
            enrolment.PausedTotal += clock.GetUtcNow() - pausedAt;
            enrolment.PausedAt = null;
        }
        enrolment.Status = EnrolmentStatus.Revoked;
        await db.SaveChangesAsync(ct);
        await schedule.CancelAsync(enrolmentId, ct);
        return true;
    }
}
