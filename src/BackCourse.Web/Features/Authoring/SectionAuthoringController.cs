using System.Globalization;
using BackCourse.Web.Content;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

public sealed record NewSectionModel(NewSectionForm Form, IReadOnlyList<Week> Weeks);

public sealed record SectionEditModel(Section Section, SectionForm Form, string PreviewHtml, IReadOnlyList<string> PublishProblems, string? Conflict);

public sealed record QuizEditModel(Section Section, QuizForm Form, IReadOnlyList<SectionOutline> Lessons, string? Conflict);

public sealed record ItemsEditModel(Section Section, ItemsForm Form, string? Conflict);

public sealed record DeleteSectionModel(Section Section, LearnerWork Work);

/// <summary>Creating, editing, ordering, publishing and removing sections (/admin/course/sections).</summary>
[Route("admin/course/sections")]
[Authorize(Policy = Policies.Admin)]
public sealed class SectionAuthoringController(AppDbContext db, CourseStructure structure, AuditLog audit, TimeProvider clock) : Controller
{
    private const string ConflictMessage =
        "Someone else saved this section after you opened it. Your changes are below and were not saved: "
        + "open the section again in a new tab to see theirs, then save yours again here if they should win.";

    [HttpGet("new")]
    public async Task<IActionResult> New(int week = 1, SectionKind? kind = null, CancellationToken ct = default)
    {
        var course = await structure.CourseAsync(ct);
        return course is null ? NotFound()
            : View("NewSection", new NewSectionModel(new NewSectionForm { Week = week, Kind = kind }, await WeeksAsync(course.Id, ct)));
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(NewSectionForm form, CancellationToken ct)
    {
        var course = await structure.CourseAsync(ct);
        if (course is null)
        {
            return NotFound();
        }
        var weeks = await WeeksAsync(course.Id, ct);
        if (weeks.All(w => w.Number != form.Week))
        {
            ModelState.AddModelError(nameof(form.Week), "Choose one of the course's weeks.");
        }
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? SlugRules.From(form.Title ?? "") : form.Slug.Trim();
        if (ModelState.IsValid && await db.Sections.AnyAsync(s => s.CourseId == course.Id && s.Slug == slug, ct))
        {
            ModelState.AddModelError(nameof(form.Slug), $"Another section already uses \"{slug}\" as its address. Choose a different one.");
        }
        if (ModelState.IsValid && !SlugRules.IsValid(slug))
        {
            ModelState.AddModelError(nameof(form.Slug), SlugRules.Message);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("NewSection", new NewSectionModel(form, weeks));
        }
        var last = await db.Sections.Where(s => s.CourseId == course.Id && s.WeekNumber == form.Week && s.ArchivedAt == null)
            .MaxAsync(s => (int?)s.Position, ct) ?? 0;
        var section = new Section
        {
            Id = Guid.CreateVersion7(), CourseId = course.Id, WeekNumber = form.Week, Position = last + 1,
            Kind = form.Kind!.Value, Slug = slug, Title = form.Title!.Trim(), ExtrasJson = CourseStructure.DefaultExtras(form.Kind.Value),
            Minutes = 5, IsPublished = false, UpdatedAt = clock.GetUtcNow(),
        };
        db.Sections.Add(section);
        audit.Record(User, "created", "Section", section.Id.ToString(), section.Title,
            new Dictionary<string, FieldChange> { ["Week"] = new(null, Inv(form.Week)), ["Kind"] = new(null, section.Kind.ToString()) });
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Section created as a draft: learners see it once you publish it.";
        return Redirect($"/admin/course/sections/{section.Id}");
    }

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
        var conflict = form.Version != section.UpdatedAt.UtcTicks ? ConflictMessage : null;
        if (!ModelState.IsValid || conflict is not null)
        {
            Response.StatusCode = conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return View("SectionEdit", new SectionEditModel(section, form, preview, CourseStructure.PublishProblems(section), conflict));
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

    [HttpGet("{id:guid}/quiz")]
    public async Task<IActionResult> Quiz(Guid id, CancellationToken ct)
    {
        var section = await db.Sections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Kind == SectionKind.Quiz, ct);
        if (section is null)
        {
            return NotFound();
        }
        var form = QuizDocument.ToForm(section.ExtrasJson);
        form.Version = section.UpdatedAt.UtcTicks;
        return View("QuizEdit", new QuizEditModel(section, form, await structure.LessonsAsync(section.CourseId, ct), null));
    }

    [HttpPost("{id:guid}/quiz")]
    public async Task<IActionResult> Quiz(Guid id, QuizForm form, CancellationToken ct)
    {
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == id && s.Kind == SectionKind.Quiz, ct);
        if (section is null)
        {
            return NotFound();
        }
        var lessons = await structure.LessonsAsync(section.CourseId, ct);
        if (form.Command is { Length: > 0 } command && command != "save")
        {
            // Adding or removing a row re-shows the form as it is; nothing is saved until Save.
            ModelState.Clear();
            return QuizDocument.Apply(form, command) ? View("QuizEdit", new QuizEditModel(section, form, lessons, null)) : BadRequest();
        }
        var conflict = form.Version != section.UpdatedAt.UtcTicks ? ConflictMessage : null;
        if (!ModelState.IsValid || conflict is not null)
        {
            Response.StatusCode = conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return View("QuizEdit", new QuizEditModel(section, form, lessons, conflict));
        }
        return await SaveExtrasAsync(section, QuizDocument.ToJson(form), "Quiz saved.", ct);
    }

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
        var conflict = form.Version != section.UpdatedAt.UtcTicks ? ConflictMessage : null;
        if (!ModelState.IsValid || conflict is not null)
        {
            Response.StatusCode = conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return View("ItemsEdit", new ItemsEditModel(section, form, conflict));
        }
        return await SaveExtrasAsync(section, ItemsDocument.ToJson(form), "Saved.", ct);
    }

    /// <summary>Up/down buttons post a direction; drag and drop posts the target week and place.</summary>
    [HttpPost("{id:guid}/move")]
    public async Task<IActionResult> Move(Guid id, [FromForm] string? direction, [FromForm] int? week, [FromForm] int? position, CancellationToken ct)
    {
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == id && s.ArchivedAt == null, ct);
        if (section is null)
        {
            return NotFound();
        }
        var weeks = await db.Weeks.Where(w => w.CourseId == section.CourseId).Select(w => w.Number).ToListAsync(ct);
        // A direction other than up or down would fall through to a drop with no week (a 500) or one the course doesn't have.
        if (direction is not (null or "up" or "down") || (direction is null && (week is null || !weeks.Contains(week.Value))))
        {
            return BadRequest();
        }
        var (fromWeek, fromPosition) = (section.WeekNumber, section.Position);
        await structure.MoveAsync(section, places => direction switch
        {
            "up" => SectionOrdering.Step(places, id, -1),
            "down" => SectionOrdering.Step(places, id, +1),
            _ => SectionOrdering.Move(places, id, week!.Value, position ?? int.MaxValue),
        }, ct);
        var changes = new Dictionary<string, FieldChange>();
        if (fromWeek != section.WeekNumber)
        {
            changes["WeekNumber"] = new(Inv(fromWeek), Inv(section.WeekNumber));
        }
        if (fromPosition != section.Position)
        {
            changes["Position"] = new(Inv(fromPosition), Inv(section.Position));
        }
        if (changes.Count > 0)
        {
            audit.Record(User, "moved", "Section", section.Id.ToString(), section.Title, changes);
        }
        await db.SaveChangesAsync(ct);
        if (Request.Headers.XRequestedWith == "fetch")
        {
            return NoContent();
        }
        TempData["Flash"] = changes.Count == 0 ? $"\"{section.Title}\" is already there."
            : $"\"{section.Title}\" is now number {section.Position} in week {section.WeekNumber}.";
        return Redirect($"/admin/course#s-{id}");
    }

    [HttpPost("{id:guid}/publish")]
    public async Task<IActionResult> Publish(Guid id, [FromForm] bool publish, CancellationToken ct)
    {
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == id && s.ArchivedAt == null, ct);
        if (section is null)
        {
            return NotFound();
        }
        if (publish && CourseStructure.PublishProblems(section) is { Count: > 0 } problems)
        {
            TempData["Flash"] = $"\"{section.Title}\" can't be published yet: " + string.Join(" ", problems);
            return Redirect($"/admin/course/sections/{id}");
        }
        if (section.IsPublished != publish)
        {
            section.IsPublished = publish;
            section.UpdatedAt = clock.GetUtcNow();
            audit.Record(User, publish ? "published" : "unpublished", "Section", section.Id.ToString(), section.Title,
                new Dictionary<string, FieldChange> { ["IsPublished"] = new(Inv(!publish), Inv(publish)) });
            await db.SaveChangesAsync(ct);
        }
        TempData["Flash"] = publish ? $"\"{section.Title}\" is published: learners see it in week {section.WeekNumber}."
            : $"\"{section.Title}\" is a draft again: learners no longer see it.";
        return Redirect(Request.Form["returnTo"] == "section" ? $"/admin/course/sections/{id}" : $"/admin/course#s-{id}");
    }

    [HttpGet("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        var section = await db.Sections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.ArchivedAt == null, ct);
        return section is null ? NotFound() : View("DeleteSection", new DeleteSectionModel(section, await structure.WorkOnAsync(id, ct)));
    }

    [HttpPost("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, [FromForm] bool confirm, CancellationToken ct)
    {
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == id && s.ArchivedAt == null, ct);
        if (section is null)
        {
            return NotFound();
        }
        if (!confirm)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError(nameof(confirm), "Tick the box to confirm.");
            return View("DeleteSection", new DeleteSectionModel(section, await structure.WorkOnAsync(id, ct)));
        }
        var archived = await structure.RemoveAsync(section, ct);
        audit.Record(User, archived ? "archived" : "deleted", "Section", section.Id.ToString(), section.Title);
        await db.SaveChangesAsync(ct);
        await structure.CompactAsync(section.CourseId, ct);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = archived
            ? $"\"{section.Title}\" is archived: learners no longer see it, and their work on it is kept."
            : $"\"{section.Title}\" is deleted.";
        return Redirect($"/admin/course#week-{section.WeekNumber}");
    }

    [HttpPost("{id:guid}/restore")]
    public async Task<IActionResult> Restore(Guid id, CancellationToken ct)
    {
        var section = await db.Sections.SingleOrDefaultAsync(s => s.Id == id && s.ArchivedAt != null, ct);
        if (section is null)
        {
            return NotFound();
        }
        await structure.RestoreAsync(section, ct);
        audit.Record(User, "restored", "Section", section.Id.ToString(), section.Title);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"\"{section.Title}\" is back as a draft at the end of week {section.WeekNumber}.";
        return Redirect($"/admin/course#s-{id}");
    }

    private async Task<IActionResult> SaveExtrasAsync(Section section, string json, string done, CancellationToken ct)
    {
        section.ExtrasJson = json;
        var before = db.Entry(section).Property(s => s.ExtrasJson).OriginalValue;
        if (!Infrastructure.JsonText.SameMeaning(before, json))
        {
            section.UpdatedAt = clock.GetUtcNow();
            audit.Record(User, "edited", "Section", section.Id.ToString(), section.Title,
                new Dictionary<string, FieldChange> { ["ExtrasJson"] = new(before, json) });
            await db.SaveChangesAsync(ct);
        }
        else
        {
            done = "Nothing had changed.";
        }
        TempData["Flash"] = done;
        return Redirect($"/admin/course/sections/{section.Id}");
    }

    private Task<Section?> ItemsSectionAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Sections : db.Sections.AsNoTracking();
        return query.SingleOrDefaultAsync(s => s.Id == id && (s.Kind == SectionKind.Reflection || s.Kind == SectionKind.Worksheet
            || s.Kind == SectionKind.Feedback || s.Kind == SectionKind.Tool), ct);
    }

    private Task<List<Week>> WeeksAsync(Guid courseId, CancellationToken ct) =>
        db.Weeks.AsNoTracking().Where(w => w.CourseId == courseId).OrderBy(w => w.Number).ToListAsync(ct);

    private static string Inv<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Inv(bool value) => value ? "true" : "false";
}
