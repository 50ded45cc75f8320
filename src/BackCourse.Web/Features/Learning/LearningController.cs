using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Learning;

/// <summary>The learner's path: dashboard, weeks, sections, completion, worksheets and the safety gate.</summary>
[Route("learn")]
[Authorize]
public sealed class LearningController(
    AppDbContext db,
    LearnerSession session,
    DashboardReader dashboard,
    IValidator<WorksheetSubmission> worksheetValidator,
    SectionPageBuilder pages,
    Instructor.RedFlagAlerts redFlags,
    TimeProvider clock) : LearnerControllerBase(session)
{
    [HttpGet("")]
    public async Task<IActionResult> Dashboard(CancellationToken ct)
    {
        var (state, data) = await dashboard.ReadAsync(User, ct);
        if (state is not { HasAccess: true } || data is null)
        {
            return NotEnrolled();
        }
        var completed = data.Completed;
        var weeks = state.Outline.Weeks.Select(w => WeekProgressOf(state, w, completed)).ToList();
        var next = state.Outline.Sections.FirstOrDefault(s => !completed.Contains(s.Id) && state.IsWeekOpen(s.WeekNumber));

        return View(new DashboardModel(
            state.Outline.Course.Title, User.DisplayName(),
            state.Outline.Sections.Count(s => completed.Contains(s.Id)), state.Outline.Sections.Count,
            weeks, next, state.Calendar!.IsPaused, state.Enrolment!.SafetyConfirmedAt is not null, data.PainChart,
            data.SelfAssessment, data.MayReview, data.ReviewStatus));
    }

    [HttpGet("weeks/{number:int}")]
    public async Task<IActionResult> Week(int number, CancellationToken ct)
    {
        var state = await Session.LoadAsync(User, ct);
        if (state is not { HasAccess: true })
        {
            return NotEnrolled();
        }
        var week = state.Outline.Weeks.SingleOrDefault(w => w.Number == number);
        if (week is null)
        {
            return NotFound();
        }
        var progress = await Session.ProgressAsync(state.Enrolment!.Id, ct);
        var completed = progress.Where(p => p.CompletedAt is not null).Select(p => p.SectionId).ToHashSet();
        var opened = progress.Select(p => p.SectionId).ToHashSet();
        var sections = state.Outline.InWeek(number).ToList();
        if (!state.IsWeekOpen(number) && !sections.Any(s => opened.Contains(s.Id)))
        {
            return Locked(state, week);
        }
        return View(new WeekModel(WeekProgressOf(state, week, completed), [.. sections.Select(s => (s, completed.Contains(s.Id)))]));
    }

    [HttpGet("{slug}")]
    [AllowAnonymous]
    public async Task<IActionResult> Section(string slug, CancellationToken ct)
    {
        var (state, mark) = await Session.LoadForSectionAsync(User, slug, ct);
        var outline = state?.Outline.Sections.SingleOrDefault(s => s.Slug == slug);
        if (state is null || outline is null)
        {
            return NotFound();
        }
        var opened = state.HasAccess && mark.OpenedAt is not null;
        var access = SectionAccessRule.Decide(outline.IsPreview, state.Enrolment, state.IsWeekOpen(outline.WeekNumber), opened);
        switch (access)
        {
            case SectionAccess.NotEnrolled:
                return NotEnrolled();
            case SectionAccess.NeedsSafetyConfirmation:
                return RedirectToAction(nameof(BeforeYouStart), new { returnUrl = $"/learn/{slug}" });
            case SectionAccess.Locked:
                return Locked(state, state.Outline.Weeks.Single(w => w.Number == outline.WeekNumber));
        }

        var section = await Session.SectionAsync(outline.Id, ct);
        if (access == SectionAccess.Open && state.HasAccess && !opened)
        {
            await Session.RecordOpenedAsync(state.Enrolment!.Id, section.Id, ct);
        }
        return View(SectionPageBuilder.View, await pages.BuildAsync(state, section, access == SectionAccess.Preview, null, ct, state.HasAccess ? mark : null));
    }

    [HttpPost("{slug}/complete")]
    public async Task<IActionResult> Complete(string slug, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        if (outline!.Kind is SectionKind.Quiz or SectionKind.Reflection or SectionKind.Feedback)
        {
            return BadRequest();
        }
        await Session.MarkCompletedAsync(state!.Enrolment!.Id, outline.Id, ct);
        if (Request.Headers.XRequestedWith == "fetch")
        {
            return NoContent();
        }
        var (_, next) = state.Outline.Around(outline.Id);
        TempData["Flash"] = $"\u201c{outline.Title}\u201d is marked complete.";
        return Redirect(next is not null && state.IsWeekOpen(next.WeekNumber) ? $"/learn/{next.Slug}" : "/learn");
    }

    [HttpPost("{slug}/worksheet")]
    public async Task<IActionResult> SaveWorksheet(string slug, [FromForm] Dictionary<string, string> answers, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        var section = await db.Sections.AsNoTracking().SingleAsync(s => s.Id == outline!.Id, ct);
        var fields = SectionExtras.Fields(section.ExtrasJson);
        if (fields.Count == 0)
        {
            return NotFound();
        }
        answers.Remove("__RequestVerificationToken");
        var submission = new WorksheetSubmission(fields, answers);
        var result = await worksheetValidator.ValidateAsync(submission, ct);
        if (!result.IsValid)
        {
            foreach (var failure in result.Errors)
            {
                ModelState.AddModelError(failure.PropertyName, failure.ErrorMessage);
            }
            // Show the form again with everything the learner typed, so nothing is lost.
            return View(SectionPageBuilder.View, await pages.BuildAsync(state!, section, false, answers, ct));
        }

        var cleaned = submission.Cleaned();
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO worksheet_answers (enrolment_id, section_id, answers_json, updated_at)
            VALUES ({state!.Enrolment!.Id}, {section.Id}, {SectionExtras.AnswersJson(cleaned)}::jsonb, {now})
            ON CONFLICT (enrolment_id, section_id) DO UPDATE SET answers_json = EXCLUDED.answers_json, updated_at = EXCLUDED.updated_at
            """, ct);
        var written = string.Join("\n", fields.Where(f => f.Type is "text" or "textarea" && cleaned.ContainsKey(f.Key)).Select(f => cleaned[f.Key]));
        Instructor.RedFlagAlerts.ShowLearner(TempData,
            await redFlags.CheckAsync(User.UserId()!.Value, state.Outline.Course.Id, RedFlagSource.Worksheet, section.Id, written, ct));
        TempData["Flash"] = "Your answers are saved.";
        return Redirect($"/learn/{slug}#worksheet");
    }

    [HttpGet("before-you-start")]
    public async Task<IActionResult> BeforeYouStart(string? returnUrl, CancellationToken ct)
    {
        var state = await Session.LoadAsync(User, ct);
        if (state is not { HasAccess: true })
        {
            return NotEnrolled();
        }
        ViewData["ReturnUrl"] = Url.IsLocalUrl(returnUrl) ? returnUrl : "/learn";
        return View(state.Outline.Course);
    }

    [HttpPost("before-you-start")]
    public async Task<IActionResult> ConfirmSafety(bool confirmed, string? returnUrl, CancellationToken ct)
    {
        var state = await Session.LoadAsync(User, ct);
        if (state is not { HasAccess: true })
        {
            return NotEnrolled();
        }
        var target = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/learn";
        if (!confirmed)
        {
            ModelState.AddModelError("confirmed", "Please tick the box to confirm you have read the notice.");
            ViewData["ReturnUrl"] = target;
            return View("BeforeYouStart", state.Outline.Course);
        }
        await db.Enrolments
            .Where(e => e.Id == state.Enrolment!.Id && e.SafetyConfirmedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SafetyConfirmedAt, clock.GetUtcNow()), ct);
        return LocalRedirect(target);
    }

    private static WeekProgress WeekProgressOf(LearnerState state, Domain.Week week, IReadOnlySet<Guid> completed)
    {
        var sections = state.Outline.InWeek(week.Number).ToList();
        var open = state.IsWeekOpen(week.Number);
        var opensAt = state.OpensAt(week.Number);
        return new WeekProgress(week.Number, week.Title, week.Summary,
            sections.Count(s => completed.Contains(s.Id)), sections.Count, open,
            opensAt is null ? null : LearnerTime.DayAndTime(opensAt.Value, state.Zone),
            opensAt is null ? null : LearnerTime.Relative(opensAt.Value, state.Now, state.Zone));
    }
}
