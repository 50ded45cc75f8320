using System.Globalization;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

public sealed record NewSectionModel(NewSectionForm Form, IReadOnlyList<Week> Weeks);

public sealed record DeleteSectionModel(Section Section, LearnerWork Work);

/// <summary>Sections in the course outline (/admin/course/sections): creating, moving, publishing, removing and restoring them.</summary>
[Route("admin/course/sections")]
[Authorize(Policy = Policies.Admin)]
public sealed class SectionOutlineController(AppDbContext db, CourseStructure structure, AuditLog audit, TimeProvider clock) : Controller
{
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

    private Task<List<Week>> WeeksAsync(Guid courseId, CancellationToken ct) =>
        db.Weeks.AsNoTracking().Where(w => w.CourseId == courseId).OrderBy(w => w.Number).ToListAsync(ct);

    private static string Inv<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Inv(bool value) => value ? "true" : "false";
}
