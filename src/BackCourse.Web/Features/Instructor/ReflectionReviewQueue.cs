using System.Security.Claims;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Instructor;

public sealed record QueueItem(
    Guid ReflectionId, Guid LearnerId, string LearnerName, int Week, string SectionTitle,
    ReflectionState State, bool Urgent, DateTimeOffset? SubmittedAt);

/// <summary>
/// Which reflections a staff member may see (admins: all; instructors: those of the courses they
/// are assigned to) and the review queue built from them: urgent first, then oldest first.
/// </summary>
public sealed class ReflectionReviewQueue(AppDbContext db)
{
    public IQueryable<Reflection> VisibleTo(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return db.Reflections;
        }
        var userId = user.UserId();
        if (userId is null || !user.IsInRole(Roles.Instructor))
        {
            return db.Reflections.Where(_ => false);
        }
        return from r in db.Reflections
               join e in db.Enrolments on r.EnrolmentId equals e.Id
               where db.CourseInstructors.Any(ci => ci.CourseId == e.CourseId && ci.UserId == userId)
               select r;
    }

    public async Task<List<QueueItem>> ListAsync(ClaimsPrincipal user, int? week, ReflectionState? state, CancellationToken ct)
    {
        var query = from r in VisibleTo(user).AsNoTracking()
                    join s in db.Sections on r.SectionId equals s.Id
                    join e in db.Enrolments on r.EnrolmentId equals e.Id
                    join u in db.Users on e.UserId equals u.Id
                    where r.State != ReflectionState.Draft
                    select new { r, s, u };
        if (week is not null)
        {
            query = query.Where(x => x.s.WeekNumber == week);
        }
        query = state is null
            ? query.Where(x => x.r.State == ReflectionState.Submitted || x.r.State == ReflectionState.Resubmitted)
            : query.Where(x => x.r.State == state);
        return await query
            .OrderByDescending(x => x.r.Urgent).ThenBy(x => x.r.SubmittedAt)
            .Take(200)
            .Select(x => new QueueItem(x.r.Id, x.u.Id, x.u.DisplayName, x.s.WeekNumber, x.s.Title, x.r.State, x.r.Urgent, x.r.SubmittedAt))
            .ToListAsync(ct);
    }

    /// <summary>How many reflections wait for review: the number in the navigation.</summary>
    public Task<int> WaitingCountAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        VisibleTo(user).CountAsync(r => r.State == ReflectionState.Submitted || r.State == ReflectionState.Resubmitted, ct);

    /// <summary>Whether this staff member may see this learner (an enrolment in one of their courses).</summary>
    public async Task<bool> CanSeeLearnerAsync(ClaimsPrincipal user, Guid learnerId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }
        var userId = user.UserId();
        return user.IsInRole(Roles.Instructor) && await db.Enrolments.AnyAsync(e => e.UserId == learnerId
            && db.CourseInstructors.Any(ci => ci.CourseId == e.CourseId && ci.UserId == userId), ct);
    }
}
