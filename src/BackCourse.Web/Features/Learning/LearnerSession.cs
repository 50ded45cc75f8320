using System.Security.Claims;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Learning;

/// <summary>Who is looking, at which course, with which enrolment, in which zone, at what time.</summary>
public sealed record LearnerState(CourseOutline Outline, Enrolment? Enrolment, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public WeekUnlockCalendar? Calendar { get; } = Enrolment?.Calendar(Zone);

    public bool HasAccess => Enrolment is { GivesAccess: true };

    public bool IsWeekOpen(int week) => HasAccess && Calendar!.IsOpen(week, Now);

    public DateTimeOffset? OpensAt(int week) => Calendar?.OpensAt(week);
}

/// <summary>This learner's mark on one section: opened, completed, and their "was this helpful?" vote.</summary>
public sealed record SectionMark(DateTimeOffset? OpenedAt, DateTimeOffset? CompletedAt, bool? HelpfulVote);

public sealed class LearnerSession(AppDbContext db, CourseOutlineReader outlines, Content.CourseContentCache content, TimeProvider clock)
{
    // Compiled once: every learner page runs one of these, and building, hashing and looking up the LINQ
    // expression on each request cost more than the database round trip (docs/benchmarks.md).
    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<Enrolment?>> EnrolmentOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid userId, Guid courseId, CancellationToken ct) =>
            db.Enrolments.AsNoTracking().SingleOrDefault(e => e.UserId == userId && e.CourseId == courseId));

    // Plain left joins on the two primary keys: a "first or default" per row here became a window over
    // every learner's rows for the section, which grew with the number of learners.
    private static readonly Func<AppDbContext, Guid, Guid, Guid, CancellationToken, Task<EnrolmentAndMark?>> EnrolmentWithMark =
        EF.CompileAsyncQuery((AppDbContext db, Guid userId, Guid courseId, Guid sectionId, CancellationToken ct) => (
                from e in db.Enrolments.AsNoTracking()
                where e.UserId == userId && e.CourseId == courseId
                join p in db.SectionProgress on new { E = e.Id, S = sectionId } equals new { E = p.EnrolmentId, S = p.SectionId } into progress
                from p in progress.DefaultIfEmpty()
                join v in db.SectionVotes on new { E = e.Id, S = sectionId } equals new { E = v.EnrolmentId, S = v.SectionId } into votes
                from v in votes.DefaultIfEmpty()
                select new EnrolmentAndMark(
                    e,
                    p == null ? null : p.FirstOpenedAt,
                    p == null ? null : p.CompletedAt,
                    v == null ? null : v.Helpful))
            .SingleOrDefault());

    private sealed record EnrolmentAndMark(Enrolment Enrolment, DateTimeOffset? FirstOpenedAt, DateTimeOffset? CompletedAt, bool? Vote);

    /// <summary>A section of the outline with its content: from memory, or from the database if it changed a moment ago.</summary>
    public async Task<Section> SectionAsync(Guid id, CancellationToken ct) =>
        (await content.GetAsync(ct))?.Sections.GetValueOrDefault(id)
        ?? await db.Sections.AsNoTracking().SingleAsync(s => s.Id == id, ct);

    /// <summary>A quiz section and its questions, both from memory when the course is cached.</summary>
    public async Task<(Section Section, QuizDefinition Quiz)> QuizAsync(Guid id, CancellationToken ct)
    {
        var course = await content.GetAsync(ct);
        if (course is not null && course.Sections.TryGetValue(id, out var section) && course.Quizzes.TryGetValue(id, out var quiz))
        {
            return (section, quiz);
        }
        section = await db.Sections.AsNoTracking().SingleAsync(s => s.Id == id, ct);
        return (section, QuizDefinition.Parse(section.ExtrasJson));
    }

    /// <summary>
    /// The learner's state and their mark on one section in a single query: a lesson page needs
    /// nothing else from the database (the course itself comes from memory).
    /// </summary>
    public async Task<(LearnerState? State, SectionMark Mark)> LoadForSectionAsync(ClaimsPrincipal user, string slug, CancellationToken ct)
    {
        var outline = await outlines.ReadAsync(null, ct);
        if (outline is null)
        {
            return (null, new SectionMark(null, null, null));
        }
        var section = outline.Sections.SingleOrDefault(s => s.Slug == slug);
        Enrolment? enrolment = null;
        var mark = new SectionMark(null, null, null);
        if (user.UserId() is { } userId)
        {
            var row = await EnrolmentWithMark(db, userId, outline.Course.Id, section?.Id ?? Guid.Empty, ct);
            enrolment = row?.Enrolment;
            mark = new SectionMark(row?.FirstOpenedAt, row?.CompletedAt, row?.Vote);
        }
        return (new LearnerState(outline, enrolment, user.TimeZone(), clock.GetUtcNow()), mark);
    }

    /// <summary>The course outline, from memory; null when there is no course yet.</summary>
    public Task<CourseOutline?> OutlineAsync(CancellationToken ct) => outlines.ReadAsync(null, ct);

    /// <summary>The learner's state from an enrolment read elsewhere (the dashboard reads it with its own data).</summary>
    public LearnerState StateOf(CourseOutline outline, Enrolment? enrolment, ClaimsPrincipal user) =>
        new(outline, enrolment, user.TimeZone(), clock.GetUtcNow());

    public async Task<LearnerState?> LoadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var outline = await outlines.ReadAsync(null, ct);
        if (outline is null)
        {
            return null;
        }
        Enrolment? enrolment = null;
        if (user.UserId() is { } userId)
        {
            enrolment = await EnrolmentOf(db, userId, outline.Course.Id, ct);
        }
        return StateOf(outline, enrolment, user);
    }

    public Task<List<SectionProgress>> ProgressAsync(Guid enrolmentId, CancellationToken ct) =>
        db.SectionProgress.AsNoTracking().Where(p => p.EnrolmentId == enrolmentId).ToListAsync(ct);

    /// <summary>Remembers that the learner opened a section; once opened it never locks again.</summary>
    public Task RecordOpenedAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO section_progress (enrolment_id, section_id, first_opened_at)
            VALUES ({enrolmentId}, {sectionId}, {clock.GetUtcNow()})
            ON CONFLICT (enrolment_id, section_id) DO NOTHING
            """, ct);

    /// <summary>Marks a section complete; one already complete keeps its first completion time, and its row is not rewritten.</summary>
    public Task MarkCompletedAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO section_progress (enrolment_id, section_id, first_opened_at, completed_at)
            VALUES ({enrolmentId}, {sectionId}, {now}, {now})
            ON CONFLICT (enrolment_id, section_id)
            DO UPDATE SET completed_at = EXCLUDED.completed_at WHERE section_progress.completed_at IS NULL
            """, ct);
    }
}
