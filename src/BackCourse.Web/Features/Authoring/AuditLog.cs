using System.Security.Claims;
using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace BackCourse.Web.Features.Authoring;

public sealed record FieldChange(string? From, string? To);

/// <summary>
/// Writes who changed what in the course. Entries are added to the same unit of work as the change,
/// so a change and its entry are saved together or not at all.
/// </summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    // Rendered copies follow from their source and would only repeat it.
    private static readonly HashSet<string> Ignored = ["BodyHtml", "DescriptionHtml", "SafetyNoticeHtml", "UpdatedAt", "CreatedAt"];
    private const int MaxValueLength = 4000;

    public void Record(ClaimsPrincipal actor, string action, string itemType, string itemId, string itemLabel,
        IReadOnlyDictionary<string, FieldChange>? changes = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor.UserId(),
            ActorEmail = actor.Identity?.Name ?? "",
            Action = action,
            ItemType = itemType,
            ItemId = itemId,
            ItemLabel = itemLabel.Length > 300 ? itemLabel[..300] : itemLabel,
            Changes = JsonSerializer.Serialize(changes ?? new Dictionary<string, FieldChange>()),
        });
    }

    /// <summary>The fields of a tracked entity whose values differ from what was loaded.</summary>
    public static Dictionary<string, FieldChange> ChangesOf(EntityEntry entry)
    {
        entry.DetectChanges();
        var changes = new Dictionary<string, FieldChange>();
        foreach (var property in entry.Properties.Where(p => p.IsModified && !Ignored.Contains(p.Metadata.Name)))
        {
            var from = Show(property.OriginalValue);
            var to = Show(property.CurrentValue);
            if (from != to)
            {
                changes[property.Metadata.Name] = new FieldChange(from, to);
            }
        }
        return changes;
    }

    private static string? Show(object? value)
    {
        var text = value switch
        {
            null => null,
            IEnumerable<string> list when value is not string => string.Join("\n", list),
            DateTimeOffset d => d.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > MaxValueLength } ? text[..MaxValueLength] + $"… ({text.Length:N0} characters)" : text;
    }
}

public sealed record AuditQuery(string? Type, string? Who, string? Q, DateOnly? From, DateOnly? To, int Page);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, AuditQuery Query, bool HasMore, IReadOnlyList<string> Types);

/// <summary>The log as admins read it: newest first, filtered by item type, person, words and dates.</summary>
public sealed class AuditReader(AppDbContext db)
{
    private const int PageSize = 50;

    public async Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            entries = entries.Where(e => e.ItemType == query.Type);
        }
        if (!string.IsNullOrWhiteSpace(query.Who))
        {
            var who = Infrastructure.LikePattern.Containing(query.Who);
            entries = entries.Where(e => EF.Functions.ILike(e.ActorEmail, who));
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = Infrastructure.LikePattern.Containing(query.Q);
            entries = entries.Where(e => EF.Functions.ILike(e.ItemLabel, pattern) || EF.Functions.ILike(e.Action, pattern) || e.ItemId == query.Q.Trim());
        }
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < end);
        }
        var page = Infrastructure.Paging.Clamp(query.Page);
        var rows = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        var types = await db.AuditEntries.Select(e => e.ItemType).Distinct().OrderBy(t => t).ToListAsync(ct);
        return new AuditPage([.. rows.Take(PageSize)], query with { Page = page }, rows.Count > PageSize, types);
    }

    public static Dictionary<string, FieldChange> Changes(AuditEntry entry) =>
        JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(entry.Changes) ?? [];
}
