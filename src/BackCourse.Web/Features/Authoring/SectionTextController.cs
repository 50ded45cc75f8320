using BackCourse.Web.Content;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

public sealed record SectionEditModel(Section Section, SectionForm Form, string PreviewHtml, IReadOnlyList<string> PublishProblems, string? Conflict);

/// <summary>A section's own page in the editor (/admin/course/sections/{id}): its title, address, summary, length, body and preview flag.</summary>
[Route("admin/course/sections")]
[Authorize(Policy = Policies.Admin)]
public sealed class SectionTextController(AppDbContext db, AuditLog audit, TimeProvider clock) : Controller
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var section = await db.Sections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (section is null)
        {
            return NotFound();
        }
        var form = new SectionForm
        {
            Title = section.Title, Slug = section.Slug, Summary = section.Summary, Minutes = section.Minutes,
            BodyMarkdown = section.BodyMarkdown, IsPreview = section.IsPreview, Version = section.UpdatedAt.UtcTicks,
        };
        return View("SectionEdit", new SectionEditModel(section, form, section.BodyHtml, CourseStructure.PublishProblems(section), null));
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, SectionForm form, CancellationToken ct)
    {
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (section is null)
        {
            return NotFound();
        }
        var preview = MarkdownRenderer.ToHtml(form.BodyMarkdown ?? "");
        if (form.Command == "preview")
        {
            ModelState.Clear();
            return View("SectionEdit", new SectionEditModel(section, form, preview, CourseStructure.PublishProblems(section), null));
        }
        var slug = form.Slug?.Trim();
        if (ModelState.IsValid && slug != section.Slug && await db.Sections.AnyAsync(s => s.CourseId == section.CourseId && s.Slug == slug && s.Id != id, ct))
        {
            ModelState.AddModelError(nameof(form.Slug), $"Another section already uses \"{slug}\" as its address. Choose a different one.");
        }
        if (form.IsPreview && !section.IsPreview)
        {
            var current = await db.Sections.CountAsync(s => s.CourseId == section.CourseId && s.IsPreview && s.Id != id, ct);
            if (current >= CourseSeedReader.MaxPreviewSections)
            {
                ModelState.AddModelError(nameof(form.IsPreview), $"{current} sections are already free previews, the most there can be. Untick one of them first.");
            }
            else if (section.WeekNumber != 1 || section.Kind is not (SectionKind.Lesson or SectionKind.Tip or SectionKind.Tool))
            {
                ModelState.AddModelError(nameof(form.IsPreview), "Only week 1 lessons, tips and tools can be free previews.");
            }
        }
        if (this.RefusedSave(section, form.Version,
                conflict => View("SectionEdit", new SectionEditModel(section, form, preview, CourseStructure.PublishProblems(section), conflict))) is { } refused)
        {
            return refused;
        }

        section.Title = form.Title!.Trim();
        section.Slug = slug!;
        section.Summary = form.Summary?.Trim() ?? "";
        section.Minutes = form.Minutes!.Value;
        section.IsPreview = form.IsPreview;
        CourseStructure.SetBody(section, (form.BodyMarkdown ?? "").ReplaceLineEndings("\n").Trim() + "\n");
        var changes = AuditLog.ChangesOf(db.Entry(section));
        if (changes.Count > 0)
        {
            section.UpdatedAt = clock.GetUtcNow();
            audit.Record(User, "edited", "Section", section.Id.ToString(), section.Title, changes);
            await db.SaveChangesAsync(ct);
        }
        TempData["Flash"] = changes.Count == 0 ? "Nothing had changed."
            : section.IsPublished ? "Saved. Learners see the new version now." : "Saved. It is still a draft.";
        return Redirect($"/admin/course/sections/{id}");
    }
}
