using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Learning;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Reflections;

/// <summary>The learner's side of a reflection: autosaved drafts, submitting, and writing back.</summary>
[Route("learn/{slug}/reflection")]
[Authorize]
public sealed class ReflectionsController(
    LearnerSession session,
    ReflectionWork work,
    IValidator<ReflectionAnswers> answersValidator,
    IValidator<MessageForm> messageValidator,
    SectionPageBuilder pages,
    Instructor.RedFlagAlerts redFlags) : LearnerControllerBase(session)
{
    [HttpPost("")]
    public async Task<IActionResult> Save(string slug, [FromForm] Dictionary<string, string> answers, [FromForm] string? action, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        if (outline!.Kind != SectionKind.Reflection)
        {
            return NotFound();
        }
        var section = await Session.SectionAsync(outline.Id, ct);
        var submit = action == "submit";
        var isFetch = Request.Headers.XRequestedWith == "fetch";
        if (await work.FindAsync(state!.Enrolment!.Id, section.Id, ct) is { IsEditable: false })
        {
            if (isFetch)
            {
                return Conflict(new { error = "This reflection is with your instructor and can't be changed now." });
            }
            TempData["Flash"] = "This reflection is with your instructor, so it can't be changed now. You can still write to them below.";
            return Redirect($"/learn/{slug}#reflection");
        }
        answers.Remove("__RequestVerificationToken");
        answers.Remove("action");
        var input = new ReflectionAnswers(SectionExtras.Prompts(section.ExtrasJson), answers, submit);
        var result = await answersValidator.ValidateAsync(input, ct);
        if (!result.IsValid)
        {
            if (isFetch)
            {
                return UnprocessableEntity(new { errors = result.Errors.Select(e => e.ErrorMessage) });
            }
            foreach (var failure in result.Errors)
            {
                ModelState.AddModelError(failure.PropertyName, failure.ErrorMessage);
            }
            return View(SectionPageBuilder.View, await pages.BuildAsync(state!, section, false, answers, ct));
        }

        var saved = await work.SaveAsync(state!.Enrolment!.Id, User.UserId()!.Value, section.Id, input.Cleaned(), submit, ct);
        if (!saved)
        {
            if (isFetch)
            {
                return Conflict(new { error = "This reflection is with your instructor and can't be changed now." });
            }
            TempData["Flash"] = "This reflection is with your instructor, so it can't be changed now. You can still write to them below.";
            return Redirect($"/learn/{slug}#reflection");
        }
        if (submit)
        {
            await Session.MarkCompletedAsync(state.Enrolment.Id, section.Id, ct);
            // The reflection itself carries the urgent mark (ReflectionWork); the learner is told what to do now.
            Instructor.RedFlagAlerts.ShowLearner(TempData, RedFlagDetector.FindFlags(string.Join("\n", input.Cleaned().Values)));
        }
        if (isFetch)
        {
            return NoContent();
        }
        TempData["Flash"] = submit
            ? "Submitted. Your instructor will read it and reply here; we'll email you when they do."
            : "Draft saved.";
        return Redirect($"/learn/{slug}#reflection");
    }

    [HttpPost("messages")]
    public async Task<IActionResult> Message(string slug, MessageForm form, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        var reflection = await work.FindAsync(state!.Enrolment!.Id, outline!.Id, ct);
        if (reflection is null || reflection.State == ReflectionState.Draft)
        {
            return NotFound();
        }
        var result = await messageValidator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            TempData["Flash"] = result.Errors[0].ErrorMessage;
            return Redirect($"/learn/{slug}#thread");
        }
        await work.AddMessageAsync(reflection.Id, User.UserId()!.Value, fromInstructor: false, form.Body, ct);
        Instructor.RedFlagAlerts.ShowLearner(TempData,
            await redFlags.CheckAsync(User.UserId()!.Value, state.Outline.Course.Id, RedFlagSource.ReflectionMessage, outline.Id, form.Body, ct));
        TempData["Flash"] = "Message sent to your instructor.";
        return Redirect($"/learn/{slug}#thread");
    }
}
