using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record WeekFunnelStep(int Week, int Learners);

public sealed class WeekFunnel(AppDbContext db)
{
    /// <summary>
    /// How far learners get: of those who enrolled in the period (whatever happened since), how many
    /// have completed each week so far.
    /// </summary>
    public async Task<(int Cohort, IReadOnlyList<WeekFunnelStep> Steps)> ReadAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var cohort = db.Enrolments.Where(e => e.CourseId == courseId && e.CreatedAt >= period.Start && e.CreatedAt < period.End);
        var size = await cohort.CountAsync(ct);
        var perWeek = await WeekCompletion.LearnersPerWeekAsync(db, courseId, cohort.Select(e => e.Id), ct);
        return (size, [.. Enumerable.Range(1, WeekUnlockCalendar.Weeks).Select(w => new WeekFunnelStep(w, perWeek.GetValueOrDefault(w)))]);
    }
}
