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
}

public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyDictionary<string, string> Problems, QuizAttempt? Attempt);

/// <summary>Starting, answering and grading attempts. The stored answer key is the only judge.</summary>
public sealed class QuizAttempts(AppDbContext db, LearnerSession session, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Compiled once: a quiz start and a submission each run one of these (see LearnerSession's).
    // Attempts are numbered in order and only one may be open, so an open attempt is the latest.
    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<QuizAttempt?>> LatestAttempt =
        EF.CompileAsyncQuery((AppDbContext db, Guid enrolmentId, Guid sectionId, CancellationToken ct) =>
            db.QuizAttempts.AsNoTracking()
                .Where(a => a.EnrolmentId == enrolmentId && a.SectionId == sectionId)
                .OrderByDescending(a => a.Number)
                .FirstOrDefault());

    private static readonly Func<AppDbContext, Guid, Guid, Guid, CancellationToken, Task<QuizAttempt?>> AttemptOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid enrolmentId, Guid sectionId, Guid attemptId, CancellationToken ct) =>
            db.QuizAttempts.AsNoTracking().SingleOrDefault(a => a.Id == attemptId && a.EnrolmentId == enrolmentId && a.SectionId == sectionId));

    public Task<List<QuizAttempt>> HistoryAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct) =>
        db.QuizAttempts.AsNoTracking()
            .Where(a => a.EnrolmentId == enrolmentId && a.SectionId == sectionId)
            .OrderBy(a => a.Number)
            .ToListAsync(ct);

    /// <summary>The attempt in progress, or a new one with freshly shuffled options.</summary>
    public async Task<QuizAttempt> StartAsync(Guid enrolmentId, Section section, CancellationToken ct)
    {
        for (var tries = 0; ; tries++)
        {
            var latest = await LatestAttempt(db, enrolmentId, section.Id, ct);
            if (latest is { SubmittedAt: null })
            {
                return latest;
            }
            var number = 1 + (latest?.Number ?? 0);
            var attempt = new QuizAttempt
            {
                Id = Guid.CreateVersion7(),
                EnrolmentId = enrolmentId,
                SectionId = section.Id,
                Number = number,
                OptionOrderJson = JsonSerializer.Serialize(QuizGrader.Shuffle(QuizDefinition.Parse(section.ExtrasJson), Random.Shared), Json),
                StartedAt = clock.GetUtcNow(),
            };
            db.QuizAttempts.Add(attempt);
            try
            {
                await db.SaveChangesAsync(ct);
                return attempt;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && tries < 3)
            {
                // A double click started the same attempt twice: use the one that won.
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task<QuizAttempt?> FindAsync(Guid enrolmentId, Guid sectionId, Guid attemptId, CancellationToken ct) =>
        AttemptOf(db, enrolmentId, sectionId, attemptId, ct);

    /// <summary>
    /// Checks and grades a submission. Nothing is stored unless every question has a valid answer, and
    /// an attempt is graded once: a replay or a second tab finds it already submitted.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(QuizAttempt attempt, Section section, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken ct)
    {
        if (attempt.SubmittedAt is not null)
        {
            return new SubmitResult(SubmitOutcome.AlreadySubmitted, new Dictionary<string, string>(), attempt);
        }
        var quiz = QuizDefinition.Parse(section.ExtrasJson);
        var problems = QuizGrader.Check(quiz, answers);
        if (problems.Count > 0)
        {
            return new SubmitResult(SubmitOutcome.Invalid, problems, attempt);
        }
        var result = QuizGrader.Grade(quiz, answers);
        var now = clock.GetUtcNow();
        var answersJson = JsonSerializer.Serialize(answers, Json);
        var updated = await db.QuizAttempts
            .Where(a => a.Id == attempt.Id && a.SubmittedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.AnswersJson, answersJson)
                .SetProperty(a => a.SubmittedAt, now)
                .SetProperty(a => a.CorrectCount, result.CorrectCount)
                .SetProperty(a => a.GradedCount, result.GradedCount)
                .SetProperty(a => a.ScorePercent, result.ScorePercent)
                .SetProperty(a => a.Passed, result.Passed), ct);
        if (updated == 0)
        {
            return new SubmitResult(SubmitOutcome.AlreadySubmitted, new Dictionary<string, string>(), attempt);
        }
        if (result.Passed)
        {
            // A quiz counts as complete when passed (a self-assessment, when answered).
            await session.MarkCompletedAsync(attempt.EnrolmentId, section.Id, ct);
        }
        // What was just stored, without reading it back.
        attempt.AnswersJson = answersJson;
        attempt.SubmittedAt = now;
        attempt.CorrectCount = result.CorrectCount;
        attempt.GradedCount = result.GradedCount;
        attempt.ScorePercent = result.ScorePercent;
        attempt.Passed = result.Passed;
        return new SubmitResult(SubmitOutcome.Graded, new Dictionary<string, string>(), attempt);
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
