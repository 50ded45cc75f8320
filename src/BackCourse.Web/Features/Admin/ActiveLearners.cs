using BackCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed class ActiveLearners(AppDbContext db)
{
    /// <summary>How far back "active" looks from the end of the period.</summary>
    public const int Days = 7;

    /// <summary>The last <see cref="Days"/> days of the period (or the whole period, when shorter).</summary>
    public static DashboardPeriod Window(DashboardPeriod period)
    {
        var from = period.To.AddDays(-(Days - 1));
        return new DashboardPeriod(from < period.From ? period.From : from, period.To);
    }

    /// <summary>
    /// Distinct enrolments that did something in the window: opened or completed a section, started or
    /// submitted a quiz, wrote a reflection (draft, submission or message), saved a worksheet, voted,
    /// logged pain or sent feedback. Staff actions (a review, a moved start) do not count.
    /// </summary>
    public async Task<int> CountAsync(Guid courseId, DashboardPeriod window, CancellationToken ct)
    {
        var (s, e) = (window.Start, window.End);
        return await db.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT a.enrolment_id)::int AS "Value"
            FROM (
                SELECT enrolment_id FROM section_progress
                WHERE (first_opened_at >= {s} AND first_opened_at < {e}) OR (completed_at >= {s} AND completed_at < {e})
                UNION ALL
                SELECT enrolment_id FROM quiz_attempts
                WHERE (started_at >= {s} AND started_at < {e}) OR (submitted_at >= {s} AND submitted_at < {e})
                UNION ALL
                SELECT r.enrolment_id FROM reflection_events ev
                JOIN reflections r ON r.id = ev.reflection_id
                JOIN enrolments en ON en.id = r.enrolment_id AND en.user_id = ev.actor_id
                WHERE ev.at >= {s} AND ev.at < {e}
                UNION ALL
                SELECT r.enrolment_id FROM reflection_messages m
                JOIN reflections r ON r.id = m.reflection_id
                WHERE NOT m.from_instructor AND m.created_at >= {s} AND m.created_at < {e}
                UNION ALL
                SELECT enrolment_id FROM reflections
                WHERE state = 'Draft' AND updated_at >= {s} AND updated_at < {e}
                UNION ALL
                SELECT enrolment_id FROM worksheet_answers WHERE updated_at >= {s} AND updated_at < {e}
                UNION ALL
                SELECT enrolment_id FROM section_votes WHERE updated_at >= {s} AND updated_at < {e}
                UNION ALL
                SELECT en.id FROM pain_log_entries l
                JOIN enrolments en ON en.user_id = l.user_id AND en.course_id = {courseId}
                WHERE l.updated_at >= {s} AND l.updated_at < {e}
                UNION ALL
                SELECT en.id FROM feedback_items f
                JOIN enrolments en ON en.user_id = f.user_id AND en.course_id = f.course_id
                WHERE f.created_at >= {s} AND f.created_at < {e}
            ) a
            JOIN enrolments en ON en.id = a.enrolment_id
            WHERE en.course_id = {courseId}
            """).SingleAsync(ct);
    }
}
