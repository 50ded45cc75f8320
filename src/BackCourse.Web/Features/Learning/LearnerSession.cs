using System.Security.Claims;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Learning;

/// <summary>Who is looking, at which course, with which enrolment, in which zone, at what time.</summary>
public sealed record LearnerState(CourseOutline Outline, Enrolment? Enrolment, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public WeekUnlockCalendar? Calendar { get; } = Enrolment?.Calendar(Zone);

    public bool HasAccess => Enrolment is { GivesAccess: true };

    public bool IsWeekOpen(int week) => HasAccess && Calendar!.IsOpen(week, Now);

    public DateTimeOffset? OpensAt(int week) => Calendar?.OpensAt(week);
}

public sealed class LearnerSession(AppDbContext db, CourseOutlineReader outlines, TimeProvider clock)
{
    public async Task<LearnerState?> LoadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var outline = await outlines.ReadAsync(null, ct);
        if (outline is null)
        {
            return null;
        }
        Enrolment? enrolment = null;
        if (user.UserId() is { } userId)
        {
            enrolment = await db.Enrolments.AsNoTracking()
                .SingleOrDefaultAsync(e => e.UserId == userId && e.CourseId == outline.Course.Id, ct);
        }
        return new LearnerState(outline, enrolment, user.TimeZone(), clock.GetUtcNow());
    }

    public Task<List<SectionProgress>> ProgressAsync(Guid enrolmentId, CancellationToken ct) =>
        db.SectionProgress.AsNoTracking().Where(p => p.EnrolmentId == enrolmentId).ToListAsync(ct);

    /// <summary>Remembers that the learner opened a section; once opened it never locks again.</summary>
    public Task RecordOpenedAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO section_progress (enrolment_id, section_id, first_opened_at)
            VALUES ({enrolmentId}, {sectionId}, {clock.GetUtcNow()})
            ON CONFLICT (enrolment_id, section_id) DO NOTHING
            """, ct);

    public Task MarkCompletedAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO section_progress (enrolment_id, section_id, first_opened_at, completed_at)
            VALUES ({enrolmentId}, {sectionId}, {now}, {now})
            ON CONFLICT (enrolment_id, section_id)
            DO UPDATE SET completed_at = COALESCE(section_progress.completed_at, EXCLUDED.completed_at)
            """, ct);
    }
}
