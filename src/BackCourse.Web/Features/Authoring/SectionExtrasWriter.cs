using System.Security.Claims;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;

namespace BackCourse.Web.Features.Authoring;

/// <summary>Saves a section's extras (its quiz, prompts, fields or tool) for the quiz and items editors.</summary>
public sealed class SectionExtrasWriter(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>False when the new extras mean the same as the stored ones, so there was nothing to save.</summary>
    public async Task<bool> SaveAsync(ClaimsPrincipal author, Section section, string json, CancellationToken ct)
    {
        section.ExtrasJson = json;
        var before = db.Entry(section).Property(s => s.ExtrasJson).OriginalValue;
        // PostgreSQL keeps jsonb in its own layout, so only a different meaning counts as a change.
        if (Infrastructure.JsonText.SameMeaning(before, json))
        {
            return false;
        }
        section.UpdatedAt = clock.GetUtcNow();
        audit.Record(author, "edited", "Section", section.Id.ToString(), section.Title,
            new Dictionary<string, FieldChange> { ["ExtrasJson"] = new(before, json) });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
