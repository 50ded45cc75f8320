using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

public sealed record QuizEditModel(Section Section, QuizForm Form, IReadOnlyList<SectionOutline> Lessons, string? Conflict);

/// <summary>A quiz section's questions, options and settings (/admin/course/sections/{id}/quiz).</summary>
[Route("admin/course/sections")]
[Authorize(Policy = Policies.Admin)]
public sealed class SectionQuizController(AppDbContext db, CourseStructure structure, SectionExtrasWriter extras) : Controller
{
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
        if (this.RefusedSave(section, form.Version, conflict => View("QuizEdit", new QuizEditModel(section, form, lessons, conflict))) is { } refused)
        {
            return refused;
        }
        TempData["Flash"] = await extras.SaveAsync(User, section, QuizDocument.ToJson(form), ct) ? "Quiz saved." : "Nothing had changed.";
        return Redirect($"/admin/course/sections/{section.Id}");
    }
}
