using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

/// <summary>
/// What "completed week N" means: every section of week N that counts has a completed_at in the
/// learner's section_progress. Which sections count is decided here only, for the dashboard's funnel
/// and the learner page alike.
/// </summary>
public static class WeekCompletion
{
    /// <summary>The sections a week is made of, as far as completing it goes.</summary>
    public static IQueryable<Section> SectionsThatCount(AppDbContext db, Guid courseId) =>
        db.Sections.Where(s => s.CourseId == courseId && s.IsPublished);

    /// <summary>Week → how many of the given enrolments completed it; weeks nobody completed are absent.</summary>
    public static async Task<Dictionary<int, int>> LearnersPerWeekAsync(
        AppDbContext db, Guid courseId, IQueryable<Guid> enrolmentIds, CancellationToken ct)
    {
        var sections = SectionsThatCount(db, courseId);
        var sizes = sections.GroupBy(s => s.WeekNumber).Select(g => new { Week = g.Key, Count = g.Count() });
        var completed = from p in db.SectionProgress
                        where p.CompletedAt != null && enrolmentIds.Contains(p.EnrolmentId)
                        join s in sections on p.SectionId equals s.Id
                        group s by new { p.EnrolmentId, s.WeekNumber } into g
                        select new { g.Key.EnrolmentId, Week = g.Key.WeekNumber, Count = g.Count() };
        // One grouped query in the database: per (learner, week) completed count, kept where it equals the week's size.
        var rows = await (from c in completed
                          join w in sizes on new { c.Week, c.Count } equals new { w.Week, w.Count }
                          group c by c.Week into g
                          select new { Week = g.Key, Learners = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Week, r => r.Learners);
    }

    /// <summary>Week → (completed, total) for one enrolment, every week of the course present.</summary>
    public static async Task<IReadOnlyDictionary<int, (int Completed, int Total)>> ForEnrolmentAsync(
        AppDbContext db, Guid courseId, Guid enrolmentId, CancellationToken ct)
    {
        var sections = SectionsThatCount(db, courseId);
        var totals = await sections.GroupBy(s => s.WeekNumber).Select(g => new { Week = g.Key, Count = g.Count() }).ToListAsync(ct);
        var completed = await (from p in db.SectionProgress
                               where p.EnrolmentId == enrolmentId && p.CompletedAt != null
                               join s in sections on p.SectionId equals s.Id
                               group s by s.WeekNumber into g
                               select new { Week = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Week, x => x.Count, ct);
        return totals.ToDictionary(t => t.Week, t => (completed.GetValueOrDefault(t.Week), t.Count));
    }
}
