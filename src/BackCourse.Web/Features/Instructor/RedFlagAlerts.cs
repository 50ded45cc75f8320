using System.Security.Claims;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Instructor;

public sealed record RedFlagAlertItem(
    Guid Id, Guid LearnerId, string LearnerName, RedFlagSource Source, string? SectionTitle, string Flags, string Excerpt, DateTimeOffset CreatedAt);

/// <summary>
/// The red-flag check on everything a learner writes outside a reflection: finds the flags, records an
/// urgent alert for the instructors, and tells the learner at once what to do (the get-help-now block,
/// shown by the layout on the next page).
/// </summary>
public sealed class RedFlagAlerts(AppDbContext db, TimeProvider clock)
{
    /// <summary>The TempData key the layout reads: the flag keys found, comma-separated.</summary>
    public const string TempDataKey = "RedFlags";

    public async Task<IReadOnlyList<RedFlag>> CheckAsync(
        Guid userId, Guid courseId, RedFlagSource source, Guid? sectionId, string? text, CancellationToken ct)
    {
        var flags = RedFlagDetector.FindFlags(text);
        if (flags.Count == 0)
        {
            return flags;
        }
        var excerpt = text!.Trim();
        db.RedFlagAlerts.Add(new RedFlagAlert
        {
            Id = Guid.CreateVersion7(),
            CourseId = courseId,
            UserId = userId,
            Source = source,
            SectionId = sectionId,
            Flags = Truncate(string.Join(", ", flags.Select(f => f.Label)), 200),
            Excerpt = Truncate(excerpt, 1000),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return flags;
    }

    /// <summary>Shows the learner the get-help-now block on the page they land on next.</summary>
    public static void ShowLearner(ITempDataDictionary tempData, IReadOnlyList<RedFlag> flags)
    {
        if (flags.Count > 0)
        {
            tempData[TempDataKey] = string.Join(",", flags.Select(f => f.Key));
        }
    }

    /// <summary>The flags the layout should show now, if any (reading TempData consumes them).</summary>
    public static IReadOnlyList<RedFlag> ToShow(ITempDataDictionary tempData) =>
        tempData[TempDataKey] is string keys
            ? [.. keys.Split(',').Select(k => GetHelpNow.Flags.SingleOrDefault(f => f.Key == k)).OfType<RedFlag>()]
            : [];

    /// <summary>Open alerts this staff member may see (admins: all; instructors: their courses), newest first.</summary>
    public async Task<List<RedFlagAlertItem>> OpenAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await (from a in VisibleTo(user).AsNoTracking()
               join u in db.Users on a.UserId equals u.Id
               join s in db.Sections on a.SectionId equals s.Id into sections
               from s in sections.DefaultIfEmpty()
               where a.HandledAt == null
               orderby a.CreatedAt descending
               select new RedFlagAlertItem(a.Id, u.Id, u.DisplayName, a.Source, s == null ? null : s.Title, a.Flags, a.Excerpt, a.CreatedAt))
            .Take(200).ToListAsync(ct);

    /// <summary>Marks an alert handled; false when this staff member may not see it or it is already handled.</summary>
    public async Task<bool> HandleAsync(ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        await VisibleTo(user).Where(a => a.Id == id && a.HandledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.HandledAt, clock.GetUtcNow()).SetProperty(a => a.HandledBy, user.UserId()), ct) == 1;

    private IQueryable<RedFlagAlert> VisibleTo(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return db.RedFlagAlerts;
        }
        var userId = user.UserId();
        if (userId is null || !user.IsInRole(Roles.Instructor))
        {
            return db.RedFlagAlerts.Where(_ => false);
        }
        return db.RedFlagAlerts.Where(a => db.CourseInstructors.Any(ci => ci.CourseId == a.CourseId && ci.UserId == userId));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
