using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackCourse.Web.Features.Quizzes;

public enum SubmitOutcome
{
    Graded,
    Invalid,
    AlreadySubmitted,
    NotFound,
}

public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyDictionary<string, string> Problems, QuizAttempt? Attempt);

/// <summary>Starting, answering and grading attempts. The stored answer key is the only judge.</summary>
public sealed class QuizAttempts(AppDbContext db, LearnerSession session, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Compiled once: every attempt and results page reads the attempt this way.
    private static readonly Func<AppDbContext, Guid, Guid, Guid, CancellationToken, Task<QuizAttempt?>> AttemptOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid enrolmentId, Guid sectionId, Guid attemptId, CancellationToken ct) =>
            db.QuizAttempts.AsNoTracking().SingleOrDefault(a => a.Id == attemptId && a.EnrolmentId == enrolmentId && a.SectionId == sectionId));

    public Task<List<QuizAttempt>> HistoryAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct) =>
        db.QuizAttempts.AsNoTracking()
            .Where(a => a.EnrolmentId == enrolmentId && a.SectionId == sectionId)
            .OrderBy(a => a.Number)
            .ToListAsync(ct);

    /// <summary>
    /// The attempt in progress, or a new one with freshly shuffled options; its id. One statement reads the
    /// latest attempt and inserts the next only when none is open (a quiz start was three round trips).
    /// </summary>
    public async Task<Guid> StartAsync(Guid enrolmentId, Guid sectionId, QuizDefinition quiz, CancellationToken ct)
    {
        for (var tries = 0; ; tries++)
        {
            var id = Guid.CreateVersion7();
            var order = JsonSerializer.Serialize(QuizGrader.Shuffle(quiz, Random.Shared), Json);
            var now = clock.GetUtcNow();
            try
            {
                // Not composed over (a data-modifying WITH must stay at the top level), so read as a list.
                var ids = await db.Database.SqlQuery<Guid>($"""
                    WITH latest AS (
                      SELECT id, number, submitted_at FROM quiz_attempts
                       WHERE enrolment_id = {enrolmentId} AND section_id = {sectionId}
                       ORDER BY number DESC LIMIT 1),
                    created AS (
                      INSERT INTO quiz_attempts (id, enrolment_id, section_id, number, option_order_json, started_at)
                      SELECT {id}, {enrolmentId}, {sectionId}, COALESCE((SELECT number FROM latest), 0) + 1, {order}::jsonb, {now}
                       WHERE NOT EXISTS (SELECT 1 FROM latest WHERE submitted_at IS NULL)
                      RETURNING id)
                    SELECT id AS "Value" FROM created
                    UNION ALL
                    SELECT id FROM latest WHERE submitted_at IS NULL
                    """).ToListAsync(ct);
                return ids.Single();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && tries < 3)
            {
                // A double click started the same attempt twice: the retry finds the one that won.
            }
        }
    }

    public Task<QuizAttempt?> FindAsync(Guid enrolmentId, Guid sectionId, Guid attemptId, CancellationToken ct) =>
        AttemptOf(db, enrolmentId, sectionId, attemptId, ct);

    /// <summary>
    /// Checks and grades a submission. Nothing is stored unless every question has a valid answer, and an
    /// attempt is graded once: a replay or a second tab finds it already submitted. A valid submission is
    /// stored by one statement that also checks the attempt is this learner's, for this quiz, and still open;
    /// the attempt is read only when that finds nothing, or to show the form again with its problems.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(Guid enrolmentId, Guid sectionId, Guid attemptId, QuizDefinition quiz,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken ct)
    {
        var problems = QuizGrader.Check(quiz, answers);
        if (problems.Count > 0)
        {
            var attempt = await FindAsync(enrolmentId, sectionId, attemptId, ct);
            return attempt switch
            {
                null => new SubmitResult(SubmitOutcome.NotFound, problems, null),
                { SubmittedAt: not null } => new SubmitResult(SubmitOutcome.AlreadySubmitted, new Dictionary<string, string>(), attempt),
                _ => new SubmitResult(SubmitOutcome.Invalid, problems, attempt),
            };
        }
        var result = QuizGrader.Grade(quiz, answers);
        var now = clock.GetUtcNow();
        var answersJson = JsonSerializer.Serialize(answers, Json);
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE quiz_attempts
               SET answers_json = {answersJson}::jsonb, submitted_at = {now}, correct_count = {result.CorrectCount},
                   graded_count = {result.GradedCount}, score_percent = {result.ScorePercent}, passed = {result.Passed}
             WHERE id = {attemptId} AND enrolment_id = {enrolmentId} AND section_id = {sectionId} AND submitted_at IS NULL
            """, ct);
        if (updated == 0)
        {
            var attempt = await FindAsync(enrolmentId, sectionId, attemptId, ct);
            return attempt is null
                ? new SubmitResult(SubmitOutcome.NotFound, new Dictionary<string, string>(), null)
                : new SubmitResult(SubmitOutcome.AlreadySubmitted, new Dictionary<string, string>(), attempt);
        }
        if (result.Passed)
        {
            // A quiz counts as complete when passed (a self-assessment, when answered).
            await session.MarkCompletedAsync(enrolmentId, sectionId, ct);
        }
        return new SubmitResult(SubmitOutcome.Graded, new Dictionary<string, string>(), null);
    }

    public static Dictionary<string, int[]> OrderOf(QuizAttempt attempt) =>
        JsonSerializer.Deserialize<Dictionary<string, int[]>>(attempt.OptionOrderJson, Json) ?? [];

    public static Dictionary<string, IReadOnlyList<string>> AnswersOf(QuizAttempt attempt) => AnswersOf(attempt.AnswersJson);

    public static Dictionary<string, IReadOnlyList<string>> AnswersOf(string? answersJson) =>
        answersJson is null
            ? []
            : (JsonSerializer.Deserialize<Dictionary<string, string[]>>(answersJson, Json) ?? [])
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
}
