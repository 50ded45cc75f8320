using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record QuizPassRate(int Week, int Position, string Title, int Submitted, int Passed);

public sealed record HardQuestion(int Week, string Quiz, string Question, int Answered, int Correct);

/// <summary>One distinct answer to one question and how many attempts gave it; public only so EF can fill it.</summary>
public sealed class AnswerTallyRow
{
    public Guid SectionId { get; set; }
    public string Key { get; set; } = "";
    public string Chosen { get; set; } = "[]";
    public int Count { get; set; }
}

/// <summary>How graded quizzes went in the period: each quiz's pass rate, and the questions answered right least often.</summary>
public sealed class QuizResults(AppDbContext db)
{
    /// <summary>How many of the hardest questions the dashboard lists.</summary>
    public const int HardestCount = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Graded quizzes in course order with the attempts submitted in the period and how many passed.</summary>
    public async Task<IReadOnlyList<QuizPassRate>> PassRatesAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var quizzes = await GradedQuizzesAsync(courseId, ct);
        var counts = await db.QuizAttempts
            .Where(a => a.SubmittedAt >= period.Start && a.SubmittedAt < period.End)
            .GroupBy(a => a.SectionId)
            .Select(g => new { SectionId = g.Key, Submitted = g.Count(), Passed = g.Count(a => a.Passed == true) })
            .ToDictionaryAsync(x => x.SectionId, ct);
        return [.. quizzes.Select(q => counts.TryGetValue(q.Section.Id, out var c)
            ? new QuizPassRate(q.Section.WeekNumber, q.Section.Position, q.Section.Title, c.Submitted, c.Passed)
            : new QuizPassRate(q.Section.WeekNumber, q.Section.Position, q.Section.Title, 0, 0))];
    }

    /// <summary>
    /// The questions answered right least often in attempts submitted in the period. The database
    /// counts each distinct answer per question; grading those few tallies here uses the same rule as
    /// the quiz itself (exactly the correct options).
    /// </summary>
    public async Task<IReadOnlyList<HardQuestion>> HardestQuestionsAsync(Guid courseId, DashboardPeriod period, int take, CancellationToken ct)
    {
        var quizzes = (await GradedQuizzesAsync(courseId, ct)).ToDictionary(q => q.Section.Id);
        var tallies = await db.Database.SqlQuery<AnswerTallyRow>($"""
            SELECT a.section_id AS "SectionId", q.key AS "Key", q.value::text AS "Chosen", count(*)::int AS "Count"
            FROM quiz_attempts a
            CROSS JOIN LATERAL jsonb_each(a.answers_json) q
            WHERE a.submitted_at >= {period.Start} AND a.submitted_at < {period.End} AND a.answers_json IS NOT NULL
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        var perQuestion = new Dictionary<(Guid Section, string Key), (int Answered, int Correct)>();
        foreach (var t in tallies)
        {
            if (!quizzes.TryGetValue(t.SectionId, out var quiz)
                || quiz.Definition.Questions.FirstOrDefault(q => q.Key == t.Key) is not { IsGraded: true } question)
            {
                continue;
            }
            var chosen = JsonSerializer.Deserialize<string[]>(t.Chosen, Json) ?? [];
            var right = question.Options.Where(o => o.Correct).Select(o => o.Id).ToHashSet().SetEquals(chosen);
            var (answered, correct) = perQuestion.GetValueOrDefault((t.SectionId, t.Key));
            perQuestion[(t.SectionId, t.Key)] = (answered + t.Count, correct + (right ? t.Count : 0));
        }
        return [.. perQuestion
            .Select(kv =>
            {
                var quiz = quizzes[kv.Key.Section];
                var text = quiz.Definition.Questions.First(q => q.Key == kv.Key.Key).Text;
                return new HardQuestion(quiz.Section.WeekNumber, quiz.Section.Title, text, kv.Value.Answered, kv.Value.Correct);
            })
            .OrderBy(q => q.Correct / (double)q.Answered)
            .ThenByDescending(q => q.Answered)
            .ThenBy(q => q.Week)
            .ThenBy(q => q.Question, StringComparer.Ordinal)
            .Take(take)];
    }

    private async Task<List<(Section Section, QuizDefinition Definition)>> GradedQuizzesAsync(Guid courseId, CancellationToken ct)
    {
        var sections = await db.Sections.AsNoTracking()
            .Where(s => s.CourseId == courseId && s.Kind == SectionKind.Quiz && s.IsPublished)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .ToListAsync(ct);
        return [.. sections.Select(s => (s, QuizDefinition.Parse(s.ExtrasJson))).Where(q => q.Item2.Graded)];
    }
}
