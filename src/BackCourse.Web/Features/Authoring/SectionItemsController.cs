using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

public sealed record ItemsEditModel(Section Section, ItemsForm Form, string? Conflict);

/// <summary>
/// The list-shaped extras of a reflection, worksheet, feedback or tool section: its prompts, fields,
/// questions or checklist (/admin/course/sections/{id}/items).
/// </summary>
[Route("admin/course/sections")]
[Authorize(Policy = Policies.Admin)]
public sealed class SectionItemsController(AppDbContext db, SectionExtrasWriter extras) : Controller
{
    [HttpGet("{id:guid}/items")]
    public async Task<IActionResult> Items(Guid id, CancellationToken ct)
    {
        var section = await ItemsSectionAsync(id, tracked: false, ct);
        if (section is null)
        {
            return NotFound();
        }
        var form = ItemsDocument.ToForm(section.Kind, section.ExtrasJson);
        form.Version = section.UpdatedAt.UtcTicks;
        return View("ItemsEdit", new ItemsEditModel(section, form, null));
    }

    [HttpPost("{id:guid}/items")]
    public async Task<IActionResult> Items(Guid id, ItemsForm form, CancellationToken ct)
    {
        var section = await ItemsSectionAsync(id, tracked: true, ct);
        if (section is null)
        {
            return NotFound();
        }
        if (form.Kind != section.Kind)
        {
            return BadRequest();
        }
        if (form.Command is { Length: > 0 } command && command != "save")
        {
            ModelState.Clear();
            return ItemsDocument.Apply(form, command) ? View("ItemsEdit", new ItemsEditModel(section, form, null)) : BadRequest();
        }
        if (this.RefusedSave(section, form.Version, conflict => View("ItemsEdit", new ItemsEditModel(section, form, conflict))) is { } refused)
        {
            return refused;
        }
        TempData["Flash"] = await extras.SaveAsync(User, section, ItemsDocument.ToJson(form), ct) ? "Saved." : "Nothing had changed.";
        return Redirect($"/admin/course/sections/{section.Id}");
    }

    private Task<Section?> ItemsSectionAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Sections : db.Sections.AsNoTracking();
        return query.SingleOrDefaultAsync(s => s.Id == id && (s.Kind == SectionKind.Reflection || s.Kind == SectionKind.Worksheet
            || s.Kind == SectionKind.Feedback || s.Kind == SectionKind.Tool), ct);
    }
}
