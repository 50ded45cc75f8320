using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Quizzes;

public sealed record SelfAssessmentRow(string Question, int? Start, int? End)
{
    public int? Change => Start is not null && End is not null ? End - Start : null;
}

/// <summary>
/// The same self-assessment is asked at the start (week 1) and the end (week 6); the learner's
/// latest answers to each are set side by side, question by question.
/// </summary>
public sealed class SelfAssessmentComparison(AppDbContext db, Content.CourseContentCache content)
{
    public async Task<IReadOnlyList<SelfAssessmentRow>> ForAsync(Guid enrolmentId, Guid courseId, CancellationToken ct)
    {
        var course = await content.GetAsync(ct);
        var quizzes = course is null || course.Outline.Course.Id != courseId ? [] : course.SelfAssessments;
        if (quizzes.Count < 1)
        {
            return [];
        }
        var (startId, startQuiz) = quizzes[0];
        var endId = quizzes.Count > 1 ? quizzes[^1].Id : (Guid?)null;
        var latest = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.EnrolmentId == enrolmentId && a.SubmittedAt != null && (a.SectionId == startId || a.SectionId == endId))
            .GroupBy(a => a.SectionId)
            .Select(g => g.OrderByDescending(a => a.Number).First())
            .ToListAsync(ct);
        var start = latest.SingleOrDefault(a => a.SectionId == startId);
        if (start is null)
        {
            return [];
        }
        var end = latest.SingleOrDefault(a => a.SectionId == endId);
        var startAnswers = QuizAttempts.AnswersOf(start);
        var endAnswers = end is null ? [] : QuizAttempts.AnswersOf(end);
        static int? Value(Dictionary<string, IReadOnlyList<string>> answers, string key) =>
            answers.TryGetValue(key, out var v) && v.Count == 1 && int.TryParse(v[0], out var n) ? n : null;
        return [.. startQuiz.Questions.Select(q => new SelfAssessmentRow(q.Text, Value(startAnswers, q.Key), Value(endAnswers, q.Key)))];
    }
}
