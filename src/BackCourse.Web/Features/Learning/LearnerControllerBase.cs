using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Learning;

/// <summary>
/// What every learner-facing controller shares: loading a section under the one access rule, and the
/// answers for "not enrolled" (the course page) and "locked" (403 with the opening date).
/// </summary>
public abstract class LearnerControllerBase(LearnerSession session) : Controller
{
    protected LearnerSession Session => session;

    /// <summary>The section for an action that needs it open; otherwise the response to give instead.</summary>
    protected async Task<(LearnerState?, SectionOutline?, IActionResult?)> OpenSectionAsync(string slug, CancellationToken ct)
    {
        // One query: the learner, their enrolment and their mark on this section (the course is in memory).
        var (state, mark) = await session.LoadForSectionAsync(User, slug, ct);
        var outline = state?.Outline.Sections.SingleOrDefault(s => s.Slug == slug);
        if (state is null || outline is null)
        {
            return (null, null, NotFound());
        }
        var access = SectionAccessRule.Decide(outline.IsPreview, state.Enrolment, state.IsWeekOpen(outline.WeekNumber),
            state.HasAccess && mark.OpenedAt is not null);
        return access switch
        {
            SectionAccess.Open => (state, outline, null),
            SectionAccess.Locked => (null, null, Locked(state, state.Outline.Weeks.Single(w => w.Number == outline.WeekNumber))),
            SectionAccess.NeedsSafetyConfirmation => (null, null, Redirect($"/learn/before-you-start?returnUrl={Uri.EscapeDataString($"/learn/{slug}")}")),
            _ => (null, null, NotEnrolled()),
        };
    }

    protected ViewResult Locked(LearnerState state, Domain.Week week)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var opensAt = state.OpensAt(week.Number);
        var paused = state.Calendar?.IsPaused ?? false;
        return View("~/Features/Learning/Views/Locked.cshtml", new LockedModel(week.Number, week.Title,
            opensAt is null ? null : LearnerTime.DayAndTime(opensAt.Value, state.Zone),
            opensAt is null ? null : LearnerTime.Relative(opensAt.Value, state.Now, state.Zone), paused));
    }

    protected RedirectResult NotEnrolled()
    {
        TempData["Flash"] = "That part of the course is for enrolled learners. Here is what the course covers.";
        return Redirect("/");
    }
}
