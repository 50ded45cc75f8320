using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Enrolments;

/// <summary>
/// Giving a learner access to a course: what a paid order and an admin's comp enrolment both do, so
/// neither feature reaches into the other.
/// </summary>
public sealed class EnrolmentAccess(AppDbContext db, TimeProvider clock)
{
    /// <summary>Gives access; re-activates a revoked or refunded enrolment with a fresh six weeks.</summary>
    public async Task<Enrolment> GrantAsync(Guid userId, Guid courseId, DateTimeOffset? startAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.UserId == userId && e.CourseId == courseId, ct);
        if (enrolment is null)
        {
            enrolment = new Enrolment { Id = Guid.CreateVersion7(), UserId = userId, CourseId = courseId, CreatedAt = now, StartedAt = startAt ?? now };
            db.Enrolments.Add(enrolment);
        }
        else if (enrolment.GivesAccess)
        {
            return enrolment; // already active or paused: nothing to grant, and a pause keeps its clock
        }
        else
        {
            // Access given again after a revoke or refund starts a fresh six weeks from now.
            enrolment.StartedAt = startAt ?? now;
            enrolment.PausedTotal = TimeSpan.Zero;
        }
        enrolment.Status = EnrolmentStatus.Active;
        enrolment.PausedAt = null;
        await db.SaveChangesAsync(ct);
        return enrolment;
    }
}
