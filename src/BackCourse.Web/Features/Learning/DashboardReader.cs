using System.Security.Claims;
using System.Text.Json;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Quizzes;
using BackCourse.Web.Features.Tools;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Learning;

/// <summary>What the learner dashboard shows beyond the outline and the enrolment.</summary>
public sealed record DashboardData(
    IReadOnlySet<Guid> Completed,
    PainChartModel PainChart,
    IReadOnlyList<SelfAssessmentRow> SelfAssessment,
    bool MayReview,
    ReviewStatus? ReviewStatus);

/// <summary>
/// Reads the learner's enrolment and the dashboard's learner data in one statement: the sections completed,
/// the pain chart's six weeks, the latest start and end self-assessment answers, whether the learner may review
/// the course (they passed a week 1 quiz) and their review's status. Read as six queries, then as two, these
/// round trips were most of the page's cost under load (docs/benchmarks.md).
/// </summary>
public sealed class DashboardReader(AppDbContext db, LearnerSession session, Content.CourseContentCache content)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The learner's state (null without a course; without an enrolment, its Enrolment is null) and, when enrolled, the data.</summary>
    public async Task<(LearnerState? State, DashboardData? Data)> ReadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var outline = await session.OutlineAsync(ct);
        if (outline is null)
        {
            return (null, null);
        }
        // The start and end self-assessments, worked out once per course load.
        var course = await content.GetAsync(ct);
        var quizzes = course is null || course.Outline.Course.Id != outline.Course.Id ? [] : course.SelfAssessments;
        Guid? startId = quizzes.Count > 0 ? quizzes[0].Id : null;
        Guid? endId = quizzes.Count > 1 ? quizzes[^1].Id : null;
        var userId = user.UserId();
        var row = userId is { } id ? await ReadRowAsync(id, outline.Course.Id, startId, endId, ct) : null;
        var state = session.StateOf(outline, row?.ToEnrolment(userId!.Value, outline.Course.Id), user);
        if (row is null)
        {
            return (state, null);
        }
        var (first, last) = PainLog.ChartDays(state.Enrolment!.StartedAt, state.Zone);
        var pain = row.PainJson is null ? [] : JsonSerializer.Deserialize<List<PainLogEntry>>(row.PainJson, Json) ?? [];
        var selfAssessment = quizzes.Count == 0 ? [] : SelfAssessmentComparison.Rows(quizzes[0].Quiz, row.StartAnswers, row.EndAnswers);
        return (state, new DashboardData(
            row.Completed.ToHashSet(),
            new PainChartModel(first, [.. pain.Where(p => p.Day >= first && p.Day <= last)]),
            selfAssessment,
            row.MayReview,
            row.MayReview && Enum.TryParse<ReviewStatus>(row.ReviewStatus, out var status) ? status : null));
    }

    private async Task<Row?> ReadRowAsync(Guid userId, Guid courseId, Guid? startId, Guid? endId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT e.id AS "Id", e.started_at AS "StartedAt", e.status AS "Status", e.paused_at AS "PausedAt",
                   e.paused_total AS "PausedTotal", e.all_weeks_unlocked AS "AllWeeksUnlocked",
                   e.safety_confirmed_at AS "SafetyConfirmedAt", e.created_at AS "CreatedAt",
              ARRAY(SELECT section_id FROM section_progress
                    WHERE enrolment_id = e.id AND completed_at IS NOT NULL) AS "Completed",
              -- The chart's six weeks start on the learner's day, in their zone: a day either side of the start's
              -- day in UTC covers every zone, and the reader keeps the chart's days.
              (SELECT json_agg(json_build_object('day', day, 'pain', pain, 'stiffness', stiffness, 'note', note) ORDER BY day)::text
                 FROM pain_log_entries
                WHERE user_id = e.user_id
                  AND day BETWEEN (e.started_at AT TIME ZONE 'UTC')::date - 1 AND (e.started_at AT TIME ZONE 'UTC')::date + 42) AS "PainJson",
              (SELECT answers_json::text FROM quiz_attempts
                WHERE enrolment_id = e.id AND section_id = {startId} AND submitted_at IS NOT NULL
                ORDER BY number DESC LIMIT 1) AS "StartAnswers",
              (SELECT answers_json::text FROM quiz_attempts
                WHERE enrolment_id = e.id AND section_id = {endId} AND submitted_at IS NOT NULL
                ORDER BY number DESC LIMIT 1) AS "EndAnswers",
              -- The same rule as CourseReviews.MayReviewAsync (the review page): change both together.
              EXISTS (SELECT 1 FROM quiz_attempts a JOIN sections s ON s.id = a.section_id
                       WHERE a.enrolment_id = e.id AND s.course_id = e.course_id AND s.week_number = 1
                         AND s.kind = 'Quiz' AND a.passed AND a.graded_count > 0) AS "MayReview",
              (SELECT status FROM course_reviews WHERE user_id = e.user_id AND course_id = e.course_id) AS "ReviewStatus"
            FROM enrolments e
            WHERE e.user_id = {userId} AND e.course_id = {courseId}
            """).ToListAsync(ct);
        return rows.SingleOrDefault();
    }

    private sealed record Row(
        Guid Id, DateTimeOffset StartedAt, string Status, DateTimeOffset? PausedAt, TimeSpan PausedTotal, bool AllWeeksUnlocked,
        DateTimeOffset? SafetyConfirmedAt, DateTimeOffset CreatedAt,
        Guid[] Completed, string? PainJson, string? StartAnswers, string? EndAnswers, bool MayReview, string? ReviewStatus)
    {
        public Enrolment ToEnrolment(Guid userId, Guid courseId) => new()
        {
            Id = Id, UserId = userId, CourseId = courseId, StartedAt = StartedAt, Status = Enum.Parse<EnrolmentStatus>(Status),
            PausedAt = PausedAt, PausedTotal = PausedTotal, AllWeeksUnlocked = AllWeeksUnlocked,
            SafetyConfirmedAt = SafetyConfirmedAt, CreatedAt = CreatedAt,
        };
    }
}
