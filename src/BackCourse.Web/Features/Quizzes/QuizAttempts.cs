using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackCourse.Web.Features.Quizzes;

public enum SubmitOutcome
{
    Graded,
    Invalid,
    AlreadySubmitted,
}

/// <summary>What became of a submission; <paramref name="AttemptId"/> is where its results are.</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, Guid AttemptId, IReadOnlyDictionary<string, string> Problems, QuizAttempt? Attempt);

/// <summary>
/// Starting, answering and grading attempts. The stored answer key is the only judge. An attempt is stored
/// when it is answered, not when it is started: its id, made at the start, carries the moment it began
/// and decides its option order, so answering is one statement and starting writes nothing (decision record 0016).
/// </summary>
public sealed class QuizAttempts(AppDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Compiled once: every attempt and results page reads the attempt this way.
    private static readonly Func<AppDbContext, Guid, Guid, Guid, CancellationToken, Task<QuizAttempt?>> AttemptOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid enrolmentId, Guid sectionId, Guid attemptId, CancellationToken ct) =>
            db.QuizAttempts.AsNoTracking().SingleOrDefault(a => a.Id == attemptId && a.EnrolmentId == enrolmentId && a.SectionId == sectionId));

    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<QuizAttempt?>> AnyAttemptOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid attemptId, CancellationToken ct) =>
            db.QuizAttempts.AsNoTracking().SingleOrDefault(a => a.Id == attemptId));

    public Task<List<QuizAttempt>> HistoryAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct) =>
        db.QuizAttempts.AsNoTracking()
            .Where(a => a.EnrolmentId == enrolmentId && a.SectionId == sectionId)
            .OrderBy(a => a.Number)
            .ToListAsync(ct);

    /// <summary>A new attempt's id. Nothing is stored: a double click, or a start never answered, leaves no trace.</summary>
    public Guid NewAttemptId() => Guid.CreateVersion7(clock.GetUtcNow());

    /// <summary>A stored attempt of this learner's at this quiz, or null.</summary>
    public Task<QuizAttempt?> FindAsync(Guid enrolmentId, Guid sectionId, Guid attemptId, CancellationToken ct) =>
        AttemptOf(db, enrolmentId, sectionId, attemptId, ct);

    /// <summary>
    /// The attempt behind an id: this learner's stored attempt (answered, or one started before attempts were
    /// stored on answering), a new one not yet stored, or null when the id is someone else's.
    /// </summary>
    public async Task<QuizAttempt?> FindOrNewAsync(Guid enrolmentId, Guid sectionId, Guid attemptId, QuizDefinition quiz, CancellationToken ct)
    {
        var stored = await AnyAttemptOf(db, attemptId, ct);
        if (stored is not null)
        {
            return stored.EnrolmentId == enrolmentId && stored.SectionId == sectionId ? stored : null;
        }
        var last = await db.QuizAttempts
            .Where(a => a.EnrolmentId == enrolmentId && a.SectionId == sectionId)
            .MaxAsync(a => (int?)a.Number, ct);
        return NewAttempt(enrolmentId, sectionId, attemptId, quiz, (last ?? 0) + 1);
    }

    /// <summary>
    /// Checks and grades a submission. Nothing is stored unless every question has a valid answer. A valid one
    /// is stored, graded, and (when passed) the quiz marked complete, by one statement; an attempt is graded
    /// once, so a replay or a second tab finds it already submitted. Answers sent to someone else's attempt id
    /// change nothing of theirs: they are stored as a new attempt of the sender's, so no answers are ever lost.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(Guid enrolmentId, Guid sectionId, Guid attemptId, QuizDefinition quiz,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken ct)
    {
        var problems = QuizGrader.Check(quiz, answers);
        if (problems.Count > 0)
        {
            var attempt = await FindOrNewAsync(enrolmentId, sectionId, attemptId, quiz, ct)
                ?? await FindOrNewAsync(enrolmentId, sectionId, NewAttemptId(), quiz, ct);
            return attempt!.SubmittedAt is not null
                ? new SubmitResult(SubmitOutcome.AlreadySubmitted, attempt.Id, new Dictionary<string, string>(), attempt)
                : new SubmitResult(SubmitOutcome.Invalid, attempt.Id, problems, attempt);
        }
        var result = QuizGrader.Grade(quiz, answers);
        var answersJson = JsonSerializer.Serialize(answers, Json);
        for (var tries = 0; ; tries++)
        {
            try
            {
                if (await StoreAsync(enrolmentId, sectionId, attemptId, quiz, answersJson, result, ct))
                {
                    return new SubmitResult(SubmitOutcome.Graded, attemptId, new Dictionary<string, string>(), null);
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && tries < 3)
            {
                // Two attempts answered at the same moment took the same number: try again with the next.
                continue;
            }
            var stored = await AnyAttemptOf(db, attemptId, ct);
            if (stored is not null && stored.EnrolmentId == enrolmentId && stored.SectionId == sectionId)
            {
                return new SubmitResult(SubmitOutcome.AlreadySubmitted, attemptId, new Dictionary<string, string>(), stored);
            }
            if (tries >= 3)
            {
                throw new InvalidOperationException($"Could not store an answered attempt at quiz {sectionId}.");
            }
            attemptId = NewAttemptId();
        }
    }

    /// <summary>
    /// Inserts the answered attempt with the learner's next number (or answers an attempt stored open by an
    /// earlier release), and marks the quiz complete when it is passed: one round trip, one commit. False when
    /// the id is taken: already answered, or someone else's.
    /// </summary>
    private async Task<bool> StoreAsync(Guid enrolmentId, Guid sectionId, Guid attemptId, QuizDefinition quiz,
        string answersJson, QuizResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var order = JsonSerializer.Serialize(QuizGrader.ShuffleFor(quiz, attemptId), Json);
        var startedAt = StartOf(attemptId, now);
        // Not composed over (a data-modifying WITH must stay at the top level), so read as a list.
        var stored = await db.Database.SqlQuery<int>($"""
            WITH stored AS (
              INSERT INTO quiz_attempts (id, enrolment_id, section_id, number, option_order_json, answers_json, started_at,
                                         submitted_at, correct_count, graded_count, score_percent, passed)
              SELECT {attemptId}, {enrolmentId}, {sectionId}, COALESCE(MAX(number), 0) + 1, {order}::jsonb, {answersJson}::jsonb,
                     {startedAt}, {now}, {result.CorrectCount}, {result.GradedCount}, {result.ScorePercent}, {result.Passed}
                FROM quiz_attempts WHERE enrolment_id = {enrolmentId} AND section_id = {sectionId}
              ON CONFLICT (id) DO UPDATE
                 SET answers_json = EXCLUDED.answers_json, submitted_at = EXCLUDED.submitted_at,
                     correct_count = EXCLUDED.correct_count, graded_count = EXCLUDED.graded_count,
                     score_percent = EXCLUDED.score_percent, passed = EXCLUDED.passed
               WHERE quiz_attempts.enrolment_id = EXCLUDED.enrolment_id AND quiz_attempts.section_id = EXCLUDED.section_id
                 AND quiz_attempts.submitted_at IS NULL
              RETURNING passed),
            completed AS (
              -- A quiz counts as complete when passed (a self-assessment, when answered).
              INSERT INTO section_progress (enrolment_id, section_id, first_opened_at, completed_at)
              SELECT {enrolmentId}, {sectionId}, {now}, {now} FROM stored WHERE stored.passed
              ON CONFLICT (enrolment_id, section_id)
              DO UPDATE SET completed_at = EXCLUDED.completed_at WHERE section_progress.completed_at IS NULL)
            SELECT count(*)::int AS "Value" FROM stored
            """).ToListAsync(ct);
        return stored.Single() == 1;
    }

    private QuizAttempt NewAttempt(Guid enrolmentId, Guid sectionId, Guid attemptId, QuizDefinition quiz, int number) => new()
    {
        Id = attemptId,
        EnrolmentId = enrolmentId,
        SectionId = sectionId,
        Number = number,
        OptionOrderJson = JsonSerializer.Serialize(QuizGrader.ShuffleFor(quiz, attemptId), Json),
        StartedAt = StartOf(attemptId, clock.GetUtcNow()),
    };

    /// <summary>
    /// When the attempt began: the moment its version 7 id was made. An id the learner made up, one from the
    /// future or one older than a day counts as begun now.
    /// </summary>
    public static DateTimeOffset StartOf(Guid attemptId, DateTimeOffset now)
    {
        if (attemptId.Version != 7)
        {
            return now;
        }
        Span<byte> bytes = stackalloc byte[16];
        attemptId.TryWriteBytes(bytes, bigEndian: true, out _);
        var ms = 0L;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return at <= now && at >= now.AddDays(-1) ? at : now;
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
