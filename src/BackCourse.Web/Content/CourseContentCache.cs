using System.Runtime.CompilerServices;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BackCourse.Web.Content;

/// <summary>The published course as every page reads it: its outline and each section's rendered content.</summary>
public sealed record CourseContent(CourseOutline Outline, IReadOnlyDictionary<Guid, Section> Sections)
{
    /// <summary>Every quiz, parsed once per load rather than on each start, submission and page.</summary>
    public IReadOnlyDictionary<Guid, QuizDefinition> Quizzes { get; } =
        Outline.Sections.Where(s => s.Kind == SectionKind.Quiz)
            .ToDictionary(s => s.Id, s => QuizDefinition.Parse(Sections[s.Id].ExtrasJson));

    private IReadOnlyList<(Guid Id, QuizDefinition Quiz)>? selfAssessments;

    /// <summary>The ungraded quizzes (self-assessments) in course order, worked out once (every dashboard asks).</summary>
    public IReadOnlyList<(Guid Id, QuizDefinition Quiz)> SelfAssessments => selfAssessments ??=
        [.. Outline.Sections.Where(s => s.Kind == SectionKind.Quiz)
            .Select(s => (s.Id, Quiz: Quizzes[s.Id]))
            .Where(q => !q.Quiz.Graded)];
}

/// <summary>
/// The published course, held in memory: it changes when an admin edits it and is read on every
/// learner page. Any save that touches a course, week or section drops it here and, through
/// PostgreSQL NOTIFY, on every other node; a short age limit covers a node that missed a notice.
/// </summary>
public sealed class CourseContentCache(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public const string Channel = "course_content_changed";
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private sealed record Entry(CourseContent? Content, DateTimeOffset LoadedAt);

    private readonly SemaphoreSlim loading = new(1, 1);
    private Entry? current;
    private long generation;

    public async Task<CourseContent?> GetAsync(CancellationToken ct)
    {
        if (Fresh(Volatile.Read(ref current)) is { } hit)
        {
            return hit.Content;
        }
        // One load at a time: a burst of requests after a change waits for one read of the course.
        await loading.WaitAsync(ct);
        try
        {
            if (Fresh(Volatile.Read(ref current)) is { } loaded)
            {
                return loaded.Content;
            }
            var startedAt = Interlocked.Read(ref generation);
            var content = await LoadAsync(ct);
            // A change saved while this was loading makes it stale already: use it, don't keep it.
            if (Interlocked.Read(ref generation) == startedAt)
            {
                Volatile.Write(ref current, new Entry(content, clock.GetUtcNow()));
            }
            return content;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose() => loading.Dispose();

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref current, null);
    }

    private Entry? Fresh(Entry? entry)
    {
        if (entry is null)
        {
            return null;
        }
        var age = clock.GetUtcNow() - entry.LoadedAt;
        return age >= TimeSpan.Zero && age < MaxAge ? entry : null;
    }

    private async Task<CourseContent?> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var course = await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (course is null)
        {
            return null;
        }
        var weeks = await db.Weeks.AsNoTracking().Where(w => w.CourseId == course.Id).OrderBy(w => w.Number).ToListAsync(ct);
        var sections = await db.Sections.AsNoTracking()
            .Where(s => s.CourseId == course.Id && s.IsPublished)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .ToListAsync(ct);
        var outline = new CourseOutline(course, weeks,
            [.. sections.Select(s => new SectionOutline(s.Id, s.WeekNumber, s.Position, s.Kind, s.Slug, s.Title, s.Summary, s.Minutes, s.IsPreview))]);
        return new CourseContent(outline, sections.ToDictionary(s => s.Id));
    }
}

/// <summary>Tells every node's <see cref="CourseContentCache"/> when a save touched the course.</summary>
internal sealed class CourseContentChangeInterceptor(CourseContentCache cache) : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Touched = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } db)
        {
            cache.Invalidate();
            db.Database.ExecuteSqlRaw($"SELECT pg_notify('{CourseContentCache.Channel}', '')");
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } db)
        {
            cache.Invalidate();
            // Inside a transaction PostgreSQL delivers this at commit, which is when other nodes should reload.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{CourseContentCache.Channel}', '')", cancellationToken);
        }
        return result;
    }

    private static void Note(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Course or Week or Section))
        {
            Touched.AddOrUpdate(db, true);
        }
    }

    private static DbContext? Take(DbContext? db) => db is not null && Touched.Remove(db) ? db : null;
}

/// <summary>Listens for course changes made on other nodes and drops this node's copy.</summary>
internal sealed class CourseContentListener(NpgsqlDataSource dataSource, CourseContentCache cache, ILogger<CourseContentListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => cache.Invalidate();
                await using (var listen = new NpgsqlCommand($"LISTEN {CourseContentCache.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Whatever changed while nobody was listening.
                cache.Invalidate();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                cache.Invalidate();
                logger.LogWarning("Not listening for course changes ({Reason}); retrying in 5 s, pages re-read the course at most 5 minutes old meanwhile.", ex.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
