using BackCourse.Web.Domain;

namespace BackCourse.Web.Features.Quizzes;

public sealed record SelfAssessmentRow(string Question, int? Start, int? End)
{
    public int? Change => Start is not null && End is not null ? End - Start : null;
}

/// <summary>
/// The same self-assessment is asked at the start (week 1) and the end (week 6); the learner's
/// latest answers to each are set side by side, question by question.
/// </summary>
public static class SelfAssessmentComparison
{
    /// <param name="startQuiz">The week 1 self-assessment, whose questions give the rows.</param>
    /// <param name="startAnswersJson">The latest submitted answers to it; nothing to compare without them.</param>
    /// <param name="endAnswersJson">The latest submitted answers to the last self-assessment, if any.</param>
    public static IReadOnlyList<SelfAssessmentRow> Rows(QuizDefinition startQuiz, string? startAnswersJson, string? endAnswersJson)
    {
        if (startAnswersJson is null)
        {
            return [];
        }
        var start = QuizAttempts.AnswersOf(startAnswersJson);
        var end = QuizAttempts.AnswersOf(endAnswersJson);
        static int? Value(Dictionary<string, IReadOnlyList<string>> answers, string key) =>
            answers.TryGetValue(key, out var v) && v.Count == 1 && int.TryParse(v[0], out var n) ? n : null;
        return [.. startQuiz.Questions.Select(q => new SelfAssessmentRow(q.Text, Value(start, q.Key), Value(end, q.Key)))];
    }
}
