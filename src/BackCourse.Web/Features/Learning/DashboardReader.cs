using System.Text.Json;
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
/// Reads the dashboard's learner data in one statement: the sections completed, the pain chart's six
/// weeks, the latest start and end self-assessment answers, whether the learner may review the course
/// (they passed a week 1 quiz) and their review's status. Read as five queries, these round trips were
/// most of the page's cost under load (docs/benchmarks.md).
/// </summary>
public sealed class DashboardReader(AppDbContext db, Content.CourseContentCache content)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DashboardData> ReadAsync(LearnerState state, Guid userId, CancellationToken ct)
    {
        var enrolment = state.Enrolment!;
        var courseId = state.Outline.Course.Id;
        var (first, last) = PainLog.ChartDays(enrolment.StartedAt, state.Zone);
        var course = await content.GetAsync(ct);
        var quizzes = course is null || course.Outline.Course.Id != courseId ? [] : course.SelfAssessments;
        Guid? startId = quizzes.Count > 0 ? quizzes[0].Id : null;
        Guid? endId = quizzes.Count > 1 ? quizzes[^1].Id : null;

        var row = await db.Database.SqlQuery<Row>($"""
            SELECT
              ARRAY(SELECT section_id FROM section_progress
                    WHERE enrolment_id = {enrolment.Id} AND completed_at IS NOT NULL) AS "Completed",
              (SELECT json_agg(json_build_object('day', day, 'pain', pain, 'stiffness', stiffness, 'note', note) ORDER BY day)::text
                 FROM pain_log_entries
                WHERE user_id = {userId} AND day BETWEEN {first} AND {last}) AS "PainJson",
              (SELECT answers_json::text FROM quiz_attempts
                WHERE enrolment_id = {enrolment.Id} AND section_id = {startId} AND submitted_at IS NOT NULL
                ORDER BY number DESC LIMIT 1) AS "StartAnswers",
              (SELECT answers_json::text FROM quiz_attempts
                WHERE enrolment_id = {enrolment.Id} AND section_id = {endId} AND submitted_at IS NOT NULL
                ORDER BY number DESC LIMIT 1) AS "EndAnswers",
              -- The same rule as CourseReviews.MayReviewAsync (the review page): change both together.
              EXISTS (SELECT 1 FROM quiz_attempts a JOIN sections s ON s.id = a.section_id
                       WHERE a.enrolment_id = {enrolment.Id} AND s.course_id = {courseId} AND s.week_number = 1
                         AND s.kind = 'Quiz' AND a.passed AND a.graded_count > 0) AS "MayReview",
              (SELECT status FROM course_reviews WHERE user_id = {userId} AND course_id = {courseId}) AS "ReviewStatus"
            """).SingleAsync(ct);

        var pain = row.PainJson is null ? [] : JsonSerializer.Deserialize<List<PainLogEntry>>(row.PainJson, Json) ?? [];
        var selfAssessment = startId is null ? [] : SelfAssessmentComparison.Rows(quizzes[0].Quiz, row.StartAnswers, row.EndAnswers);
        return new DashboardData(
            row.Completed.ToHashSet(),
            new PainChartModel(first, pain),
            selfAssessment,
            row.MayReview,
            row.MayReview && Enum.TryParse<ReviewStatus>(row.ReviewStatus, out var status) ? status : null);
    }

    private sealed record Row(Guid[] Completed, string? PainJson, string? StartAnswers, string? EndAnswers, bool MayReview, string? ReviewStatus);
}
