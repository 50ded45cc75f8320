using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record ReviewTimes(int Waiting, int ReviewedInPeriod, TimeSpan? Median);

/// <summary>How many decisions were made and their median wait; public only so EF can fill it.</summary>
public sealed class ReviewTimesRow
{
    public int Reviewed { get; set; }
    public double? MedianSeconds { get; set; }
}

public sealed class ReflectionReviewTimes(AppDbContext db)
{
    /// <summary>
    /// Reflections waiting now, and the median wait from each submission (or resubmission) to the
    /// instructor's decision on it (reviewed, or revision asked), for decisions made in the period.
    /// </summary>
    public async Task<ReviewTimes> ReadAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var waiting = await (from r in db.Reflections
                             join s in db.Sections on r.SectionId equals s.Id
                             where s.CourseId == courseId && (r.State == ReflectionState.Submitted || r.State == ReflectionState.Resubmitted)
                             select r.Id).CountAsync(ct);
        var times = await db.Database.SqlQuery<ReviewTimesRow>($"""
            SELECT count(*)::int AS "Reviewed",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.at - sub.at)::float8) AS "MedianSeconds"
            FROM reflection_events sub
            JOIN reflections r ON r.id = sub.reflection_id
            JOIN sections s ON s.id = r.section_id AND s.course_id = {courseId}
            CROSS JOIN LATERAL (
                SELECT dec.at FROM reflection_events dec
                WHERE dec.reflection_id = sub.reflection_id AND (dec.at, dec.id) > (sub.at, sub.id)
                  AND dec.to_state IN ('Reviewed', 'RevisionRequested')
                ORDER BY dec.at, dec.id
                LIMIT 1) d
            WHERE sub.to_state IN ('Submitted', 'Resubmitted') AND d.at >= {period.Start} AND d.at < {period.End}
            """).SingleAsync(ct);
        return new ReviewTimes(waiting, times.Reviewed, times.MedianSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Round(seconds)) : null);
    }
}
