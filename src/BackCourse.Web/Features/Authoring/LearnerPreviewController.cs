using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

public sealed record PreviewWeek(Week Week, bool IsOpen, string OpensAt, string OpensRelative, IReadOnlyList<SectionOutline> Sections);

public sealed record PreviewOutlineModel(int AsWeek, IReadOnlyList<PreviewWeek> Weeks);

/// <summary>
/// The course as a learner in week N sees it, for authors: no enrolment is made. The learner is
/// imagined as having started just over N−1 weeks ago, in the admin's own time zone.
/// </summary>
[Route("admin/course/preview")]
[Authorize(Policy = Policies.Admin)]
public sealed class LearnerPreviewController(AppDbContext db, CourseOutlineReader outlines, SectionPageBuilder pages, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public IActionResult Choose(int week = 1) => Redirect($"/admin/course/preview/{Math.Clamp(week, 1, WeekUnlockCalendar.Weeks)}");

    [HttpGet("{week:int}")]
    public async Task<IActionResult> Outline(int week, CancellationToken ct)
    {
        var state = await StateAsync(week, ct);
        if (state is null)
        {
            return NotFound();
        }
        var weeks = state.Outline.Weeks.Select(w =>
        {
            var opens = state.OpensAt(w.Number)!.Value;
            return new PreviewWeek(w, state.IsWeekOpen(w.Number), LearnerTime.DayAndTime(opens, state.Zone),
                LearnerTime.Relative(opens, state.Now, state.Zone), [.. state.Outline.InWeek(w.Number)]);
        }).ToList();
        return View("PreviewOutline", new PreviewOutlineModel(week, weeks));
    }

    [HttpGet("{week:int}/{slug}")]
    public async Task<IActionResult> Section(int week, string slug, CancellationToken ct)
    {
        var state = await StateAsync(week, ct);
        if (state is null)
        {
            return NotFound();
        }
        // Drafts too, so an author can look at one before publishing it; archived sections are gone.
        var section = await db.Sections.AsNoTracking()
            .SingleOrDefaultAsync(s => s.CourseId == state.Outline.Course.Id && s.Slug == slug && s.ArchivedAt == null, ct);
        if (section is null)
        {
            return NotFound();
        }
        if (!state.IsWeekOpen(section.WeekNumber))
        {
            var opens = state.OpensAt(section.WeekNumber)!.Value;
            ViewData["PreviewWeek"] = week;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View("~/Features/Learning/Views/Locked.cshtml", new LockedModel(section.WeekNumber,
                state.Outline.Weeks.Single(w => w.Number == section.WeekNumber).Title,
                LearnerTime.DayAndTime(opens, state.Zone), LearnerTime.Relative(opens, state.Now, state.Zone), false));
        }
        var model = await pages.BuildAsync(state, section, visitorPreview: false, null, ct);
        return View(SectionPageBuilder.View, model with { PreviewWeek = week });
    }

    private async Task<LearnerState?> StateAsync(int week, CancellationToken ct)
    {
        if (week < 1 || week > WeekUnlockCalendar.Weeks)
        {
            return null;
        }
        var outline = await outlines.ReadAsync(null, ct);
        if (outline is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        // Never saved: an Empty id matches no one's answers, so every panel shows as for a new learner.
        var imagined = new Enrolment
        {
            Id = Guid.Empty, CourseId = outline.Course.Id, Status = EnrolmentStatus.Active,
            StartedAt = now.AddDays(-WeekUnlockCalendar.DaysPerWeek * (week - 1)).AddMinutes(-1),
            SafetyConfirmedAt = now, CreatedAt = now,
        };
        return new LearnerState(outline, imagined, User.TimeZone(), now);
    }
}
