using System.Collections.Concurrent;
using BackCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Account.Sessions;

/// <summary>
/// The ids of sessions ended on the server, held by each node so that checking a signed-in request costs a
/// lookup, not a query. A session ended on this node counts at once; one ended on another node counts from this
/// node's next refresh (<see cref="EndedSessionsRefresher"/>, every couple of seconds).
/// </summary>
public sealed class EndedSessions(TimeProvider clock)
{
    // A session older than its cookie's longest life can't be replayed anyway (14 days, with a margin).
    internal static readonly TimeSpan Remembered = TimeSpan.FromDays(15);

    // Read again on every refresh: a row committed a moment after a later one must not be missed.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> ended = new();
    private DateTimeOffset? seenUpTo;

    public bool IsEnded(Guid sessionId) => ended.ContainsKey(sessionId);

    public void Add(Guid sessionId, DateTimeOffset endedAt) => ended[sessionId] = endedAt;

    /// <summary>Reads the sessions ended since the last refresh (on the first, those within a cookie's life) and forgets the long-gone ones.</summary>
    public async Task RefreshAsync(AppDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = seenUpTo is { } seen ? seen - Overlap : now - Remembered;
        var rows = await db.SignInSessions.AsNoTracking()
            .Where(s => s.EndedAt != null && s.EndedAt > since)
            .Select(s => new { s.Id, EndedAt = s.EndedAt!.Value })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            ended[row.Id] = row.EndedAt;
            seenUpTo = seenUpTo is { } s && s > row.EndedAt ? s : row.EndedAt;
        }
        seenUpTo ??= since;
        foreach (var old in ended.Where(e => e.Value < now - Remembered).Select(e => e.Key).ToList())
        {
            ended.TryRemove(old, out _);
        }
    }
}
