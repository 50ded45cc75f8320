using BackCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

/// <summary>"Was this helpful?" votes per section, for the feedback inbox (all time) and the dashboard (a period).</summary>
public static class SectionHelpfulness
{
    /// <summary>Votes per section in course order; with a period, only votes cast or changed in it (a vote keeps its latest time).</summary>
    public static Task<List<HelpfulnessRow>> ReadAsync(AppDbContext db, DateTimeOffset? from, DateTimeOffset? until, CancellationToken ct)
    {
        var votes = db.SectionVotes.AsQueryable();
        if (from is { } start)
        {
            votes = votes.Where(v => v.UpdatedAt >= start);
        }
        if (until is { } end)
        {
            votes = votes.Where(v => v.UpdatedAt < end);
        }
        return (from v in votes
                join s in db.Sections on v.SectionId equals s.Id
                group v by new { s.WeekNumber, s.Position, s.Title } into g
                orderby g.Key.WeekNumber, g.Key.Position
                select new HelpfulnessRow(g.Key.WeekNumber, g.Key.Position, g.Key.Title, g.Count(v => v.Helpful), g.Count(v => !v.Helpful)))
               .ToListAsync(ct);
    }
}
