using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Learning;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Feedback;

/// <summary>"Was this helpful?", suggestions on any section, and each week's feedback questions.</summary>
[Route("learn/{slug}")]
[Authorize]
public sealed class FeedbackController(
    AppDbContext db,
    LearnerSession session,
    SectionPageBuilder pages,
    IValidator<SuggestionForm> suggestionValidator,
    IValidator<WeekFeedbackAnswers> weekValidator,
    Instructor.RedFlagAlerts redFlags,
    TimeProvider clock) : LearnerControllerBase(session)
{
    private static readonly JsonSerializerOptions AnswersJson = new(JsonSerializerDefaults.Web);

    private static string Summary(IReadOnlyList<FeedbackQuestion> questions, Dictionary<string, string> answers)
    {
        var text = string.Join("\n", questions.Where(q => answers.ContainsKey(q.Key)).Select(q => $"{q.Text} {answers[q.Key]}"));
        return text.Length <= 4000 ? text : text[..4000];
    }

    [HttpPost("vote")]
    public async Task<IActionResult> Vote(string slug, bool helpful, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO section_votes (enrolment_id, section_id, helpful, updated_at)
            VALUES ({state!.Enrolment!.Id}, {outline!.Id}, {helpful}, {clock.GetUtcNow()})
            ON CONFLICT (enrolment_id, section_id) DO UPDATE SET helpful = EXCLUDED.helpful, updated_at = EXCLUDED.updated_at
            """, ct);
        TempData["Flash"] = helpful ? "Thanks: glad it helped." : "Thanks for telling us. A suggestion below helps us fix it.";
        return Redirect($"/learn/{slug}");
    }

    [HttpPost("suggestion")]
    public async Task<IActionResult> Suggestion(string slug, SuggestionForm form, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        var result = await suggestionValidator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            TempData["Flash"] = result.Errors[0].ErrorMessage;
            return Redirect($"/learn/{slug}");
        }
        db.FeedbackItems.Add(new FeedbackItem
        {
            CourseId = state!.Outline.Course.Id,
            UserId = User.UserId(),
            SectionId = outline!.Id,
            WeekNumber = outline.WeekNumber,
            Kind = FeedbackKind.Suggestion,
            Body = form.Body.Trim(),
            Status = FeedbackStatus.New,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        Instructor.RedFlagAlerts.ShowLearner(TempData,
            await redFlags.CheckAsync(User.UserId()!.Value, state.Outline.Course.Id, RedFlagSource.Suggestion, outline.Id, form.Body, ct));
        TempData["Flash"] = "Thank you: your suggestion has reached the course team.";
        return Redirect($"/learn/{slug}");
    }

    [HttpPost("feedback")]
    public async Task<IActionResult> WeekFeedback(string slug, [FromForm] Dictionary<string, string> answers, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        if (outline!.Kind != SectionKind.Feedback)
        {
            return NotFound();
        }
        var section = await Session.SectionAsync(outline.Id, ct);
        answers.Remove("__RequestVerificationToken");
        var input = new WeekFeedbackAnswers(SectionExtras.FeedbackQuestions(section.ExtrasJson), answers);
        var result = await weekValidator.ValidateAsync(input, ct);
        if (!result.IsValid)
        {
            foreach (var failure in result.Errors)
            {
                ModelState.AddModelError(failure.PropertyName, failure.ErrorMessage);
            }
            return View(SectionPageBuilder.View, await pages.BuildAsync(state!, section, false, answers, ct));
        }
        var userId = User.UserId();
        if (!await db.FeedbackItems.AnyAsync(f => f.UserId == userId && f.SectionId == section.Id && f.Kind == FeedbackKind.WeekFeedback, ct))
        {
            var cleaned = input.Cleaned();
            db.FeedbackItems.Add(new FeedbackItem
            {
                CourseId = state!.Outline.Course.Id,
                UserId = userId,
                SectionId = section.Id,
                WeekNumber = section.WeekNumber,
                Kind = FeedbackKind.WeekFeedback,
                Body = Summary(input.Questions, cleaned),
                AnswersJson = JsonSerializer.Serialize(cleaned, AnswersJson),
                Status = FeedbackStatus.New,
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            await Session.MarkCompletedAsync(state.Enrolment!.Id, section.Id, ct);
            // Only what the learner wrote: the questions' own words ("did anything get worse?") are not theirs.
            var written = string.Join("\n", input.Questions.Where(q => q.Type == "text" && cleaned.ContainsKey(q.Key)).Select(q => cleaned[q.Key]));
            Instructor.RedFlagAlerts.ShowLearner(TempData,
                await redFlags.CheckAsync(userId!.Value, state.Outline.Course.Id, RedFlagSource.WeekFeedback, section.Id, written, ct));
        }
        TempData["Flash"] = "Thank you: your feedback for this week has reached the course team.";
        return Redirect($"/learn/{slug}#week-feedback");
    }
}
