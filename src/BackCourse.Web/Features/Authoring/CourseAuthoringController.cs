using System.Text.Json;
using BackCourse.Web.Content;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

public sealed record OutlineRow(Section Section, int Position);

public sealed record AuthoringOverviewModel(
    Course? Course, IReadOnlyList<Week> Weeks, IReadOnlyList<Section> Sections, IReadOnlyList<Section> Archived, IReadOnlyList<string> ImportProblems)
{
    public IEnumerable<Section> InWeek(int week) => Sections.Where(s => s.WeekNumber == week);
}

public sealed record CourseDetailsModel(CourseForm Form);

public sealed record WeekEditModel(Week Week, WeekForm Form);

/// <summary>The course as authors see it (/admin/course): its outline, its page details, its weeks, export and import.</summary>
[Route("admin/course")]
[Authorize(Policy = Policies.Admin)]
public sealed class CourseAuthoringController(AppDbContext db, CourseStructure structure, AuditLog audit, CourseZip zip, MediaLibrary media, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await Overview([], ct);

    [HttpGet("details")]
    public async Task<IActionResult> Details(CancellationToken ct)
    {
        var course = await structure.CourseAsync(ct);
        if (course is null)
        {
            return NotFound();
        }
        var form = new CourseForm
        {
            Title = course.Title, Subtitle = course.Subtitle, DescriptionMarkdown = course.DescriptionMarkdown,
            AuthorName = course.AuthorName, AuthorCredentials = course.AuthorCredentials, AuthorBio = course.AuthorBio,
            WhatYouWillLearn = string.Join("\n", course.WhatYouWillLearn),
            Faq = [.. (JsonSerializer.Deserialize<List<FaqItem>>(course.FaqJson, CourseSeedReader.Json) ?? []).Select(f => new FaqForm { Question = f.Question, Answer = f.Answer })],
            ListPrice = CourseForm.Amount(course.ListPriceCents), SalePrice = CourseForm.Amount(course.SalePriceCents),
            Currency = course.Currency, NotMedicalAdvice = course.NotMedicalAdvice, SafetyNoticeMarkdown = course.SafetyNoticeMarkdown,
        };
        return View("CourseDetails", new CourseDetailsModel(WithBlankFaq(form)));
    }

    [HttpPost("details")]
    public async Task<IActionResult> Details(CourseForm form, CancellationToken ct)
    {
        var course = await structure.CourseAsync(ct);
        if (course is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("CourseDetails", new CourseDetailsModel(WithBlankFaq(form)));
        }
        CourseForm.TryCents(form.ListPrice, out var list);
        CourseForm.TryCents(form.SalePrice, out var sale);
        course.Title = form.Title!.Trim();
        course.Subtitle = form.Subtitle?.Trim() ?? "";
        course.DescriptionMarkdown = form.DescriptionMarkdown!.Trim();
        course.DescriptionHtml = MarkdownRenderer.ToHtml(course.DescriptionMarkdown);
        course.AuthorName = form.AuthorName!.Trim();
        course.AuthorCredentials = form.AuthorCredentials?.Trim() ?? "";
        course.AuthorBio = form.AuthorBio?.Trim() ?? "";
        course.WhatYouWillLearn = form.LearnPoints();
        var faq = JsonSerializer.Serialize(form.FaqItems().ToList(), CourseSeedReader.Json);
        // PostgreSQL keeps jsonb in its own layout, so only a different meaning counts as a change.
        if (!Infrastructure.JsonText.SameMeaning(course.FaqJson, faq))
        {
            course.FaqJson = faq;
        }
        course.ListPriceCents = list;
        course.SalePriceCents = sale;
        course.Currency = form.Currency!;
        course.NotMedicalAdvice = form.NotMedicalAdvice!.Trim();
        course.SafetyNoticeMarkdown = form.SafetyNoticeMarkdown!.Trim() + "\n";
        course.SafetyNoticeHtml = MarkdownRenderer.ToHtml(course.SafetyNoticeMarkdown);
        var changes = AuditLog.ChangesOf(db.Entry(course));
        if (changes.Count > 0)
        {
            course.UpdatedAt = clock.GetUtcNow();
            audit.Record(User, "edited", "Course", course.Id.ToString(), course.Title, changes);
            await db.SaveChangesAsync(ct);
        }
        TempData["Flash"] = changes.Count > 0 ? "The course details are saved." : "Nothing had changed.";
        return Redirect("/admin/course/details");
    }

    [HttpGet("weeks/{number:int}")]
    public async Task<IActionResult> Week(int number, CancellationToken ct)
    {
        var week = await FindWeekAsync(number, ct);
        return week is null ? NotFound() : View("WeekEdit", new WeekEditModel(week, new WeekForm { Title = week.Title, Summary = week.Summary }));
    }

    [HttpPost("weeks/{number:int}")]
    public async Task<IActionResult> Week(int number, WeekForm form, CancellationToken ct)
    {
        var week = await FindWeekAsync(number, ct);
        if (week is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("WeekEdit", new WeekEditModel(week, form));
        }
        week.Title = form.Title!.Trim();
        week.Summary = form.Summary?.Trim() ?? "";
        var changes = AuditLog.ChangesOf(db.Entry(week));
        if (changes.Count > 0)
        {
            audit.Record(User, "edited", "Week", week.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Week {week.Number}: {week.Title}", changes);
            await db.SaveChangesAsync(ct);
        }
        TempData["Flash"] = $"Week {number} is saved.";
        return Redirect($"/admin/course#week-{number}");
    }

    [HttpGet("export")]
    public async Task<IActionResult> Export(CancellationToken ct)
    {
        var export = await zip.ExportAsync(ct);
        return export is null ? NotFound() : File(export.Value.Zip, "application/zip", export.Value.FileName);
    }

    [HttpPost("import")]
    [RequestSizeLimit(100_000_000)]
    [RequestFormLimits(MultipartBodyLengthLimit = 100_000_000)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await Overview(["Choose the course zip to import."], ct);
        }
        // Zip reading seeks to the end first; the request body can't, so the (size-limited) upload is buffered.
        using var upload = new MemoryStream();
        await file.CopyToAsync(upload, ct);
        upload.Position = 0;
        var (result, problems) = await zip.ImportAsync(upload, ct);
        if (result is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await Overview(problems, ct);
        }
        var course = await structure.CourseAsync(ct);
        audit.Record(User, "imported", "Course", course!.Id.ToString(), file.FileName, new Dictionary<string, FieldChange>
        {
            ["Sections added"] = new(null, result.SectionsAdded.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["Sections replaced"] = new(null, result.SectionsReplaced.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["Sections archived"] = new(null, result.SectionsArchived.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["Sections deleted"] = new(null, result.SectionsDeleted.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        });
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Imported: {result.SectionsAdded} sections added, {result.SectionsReplaced} replaced, "
            + $"{result.SectionsArchived} archived (learners had used them), {result.SectionsDeleted} removed.";
        return Redirect("/admin/course");
    }

    /// <summary>The Markdown editor's live preview: the same renderer learners' pages use, nothing saved.</summary>
    [HttpPost("markdown-preview")]
    public IActionResult MarkdownPreview([FromForm] string? markdown)
    {
        if (markdown is { Length: > 100_000 })
        {
            return BadRequest();
        }
        if (MarkdownRenderer.NestingProblem(markdown) is { } problem)
        {
            return Content($"<p class=\"field-error\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(problem)}</p>", "text/html; charset=utf-8");
        }
        return Content(MarkdownRenderer.ToHtml(markdown ?? ""), "text/html; charset=utf-8");
    }

    [HttpPost("images")]
    [RequestSizeLimit(60_000_000)]
    [RequestFormLimits(MultipartBodyLengthLimit = 60_000_000)]
    public async Task<IActionResult> UploadImage(IFormFile? image, [FromForm] string? alt, [FromForm] Guid? section, CancellationToken ct)
    {
        var back = section is { } id ? $"/admin/course/sections/{id}#body" : "/admin/course";
        var fetch = Request.Headers.XRequestedWith == "fetch";
        if (image is null)
        {
            return Refused("Choose an image file to upload.");
        }
        await using var stream = image.OpenReadStream();
        var (stored, problem) = await media.SaveAsync(stream, ct);
        if (stored is null)
        {
            return Refused(problem!);
        }
        var description = string.IsNullOrWhiteSpace(alt) ? "Describe the image" : alt.Trim().Replace("]", "", StringComparison.Ordinal).Replace("[", "", StringComparison.Ordinal);
        var markdown = $"![{description}](/media/{stored.Name})";
        audit.Record(User, "uploaded", "Image", stored.Name, image.FileName);
        await db.SaveChangesAsync(ct);
        if (fetch)
        {
            return Json(new { markdown, url = $"/media/{stored.Name}" });
        }
        TempData["Flash"] = $"Image uploaded. Put this line in the text where it should appear: {markdown}";
        return Redirect(back);

        IActionResult Refused(string message)
        {
            if (fetch)
            {
                return BadRequest(new { error = message });
            }
            TempData["Flash"] = message;
            return Redirect(back);
        }
    }

    private async Task<IActionResult> Overview(IReadOnlyList<string> importProblems, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (course is null)
        {
            // A site without a course yet: importing one is the way to start.
            return View("Overview", new AuthoringOverviewModel(null, [], [], [], importProblems));
        }
        var weeks = await db.Weeks.AsNoTracking().Where(w => w.CourseId == course.Id).OrderBy(w => w.Number).ToListAsync(ct);
        var sections = await db.Sections.AsNoTracking().Where(s => s.CourseId == course.Id)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position).ToListAsync(ct);
        return View("Overview", new AuthoringOverviewModel(course, weeks,
            [.. sections.Where(s => s.ArchivedAt is null)], [.. sections.Where(s => s.ArchivedAt is not null)], importProblems));
    }

    private async Task<Week?> FindWeekAsync(int number, CancellationToken ct)
    {
        var course = await structure.CourseAsync(ct);
        return course is null ? null : await db.Weeks.SingleOrDefaultAsync(w => w.CourseId == course.Id && w.Number == number, ct);
    }

    /// <summary>Two empty question rows, so a new FAQ entry needs no JavaScript.</summary>
    private static CourseForm WithBlankFaq(CourseForm form)
    {
        form.Faq.Add(new FaqForm());
        form.Faq.Add(new FaqForm());
        return form;
    }
}
