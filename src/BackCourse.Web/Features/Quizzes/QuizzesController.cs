using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Quizzes;

/// <summary>Taking a quiz: start an attempt, answer it, see every answer explained, try again.</summary>
[Route("learn/{slug}/quiz")]
[Authorize]
public sealed class QuizzesController(LearnerSession session, QuizAttempts attempts) : LearnerControllerBase(session)
{
    /// <summary>Starts an attempt: checks the quiz is open to the learner and gives the attempt an id. Nothing is stored yet.</summary>
    [HttpPost("attempts")]
    public async Task<IActionResult> Start(string slug, CancellationToken ct)
    {
        var (_, _, error) = await OpenQuizAsync(slug, ct);
        return error ?? Redirect($"/learn/{slug}/quiz/attempts/{attempts.NewAttemptId()}");
    }

    [HttpGet("attempts/{id:guid}")]
    public async Task<IActionResult> Attempt(string slug, Guid id, CancellationToken ct)
    {
        var (state, outline, error) = await OpenQuizAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        var (section, quiz) = await Session.QuizAsync(outline!.Id, ct);
        var attempt = await attempts.FindOrNewAsync(state!.Enrolment!.Id, outline.Id, id, quiz, ct);
        if (attempt is null)
        {
            return NotFound();
        }
        if (attempt.SubmittedAt is not null)
        {
            return Redirect($"/learn/{slug}/quiz/attempts/{id}/results");
        }
        return View("Attempt", new AttemptPageModel(section, quiz, attempt,
            QuizAttempts.OrderOf(attempt), new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>()));
    }

    [HttpPost("attempts/{id:guid}")]
    public async Task<IActionResult> Submit(string slug, Guid id, IFormCollection form, CancellationToken ct)
    {
        var (state, outline, error) = await OpenQuizAsync(slug, ct);
        if (error is not null)
        {
            return error;
        }
        var (section, quiz) = await Session.QuizAsync(outline!.Id, ct);
        var answers = form.Keys
            .Where(k => k.StartsWith("q[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k[2..^1], k => (IReadOnlyList<string>)[.. form[k].Where(v => v is not null).Select(v => v!)]);
        var result = await attempts.SubmitAsync(state!.Enrolment!.Id, outline.Id, id, quiz, answers, ct);
        switch (result.Outcome)
        {
            case SubmitOutcome.AlreadySubmitted:
                TempData["Flash"] = "This attempt was already submitted, so nothing changed. Here are its results.";
                return Redirect($"/learn/{slug}/quiz/attempts/{result.AttemptId}/results");
            case SubmitOutcome.Invalid:
                foreach (var (key, message) in result.Problems)
                {
                    ModelState.AddModelError($"q[{key}]", message);
                }
                return View("Attempt", new AttemptPageModel(section, quiz, result.Attempt!,
                    QuizAttempts.OrderOf(result.Attempt!), answers, result.Problems));
            default:
                return Redirect($"/learn/{slug}/quiz/attempts/{result.AttemptId}/results");
        }
    }

    [HttpGet("attempts/{id:guid}/results")]
    public async Task<IActionResult> Results(string slug, Guid id, CancellationToken ct)
    {
        var (state, section, quiz, attempt, error) = await LoadAsync(slug, id, ct);
        if (error is not null)
        {
            return error;
        }
        if (attempt!.SubmittedAt is null)
        {
            return Redirect($"/learn/{slug}/quiz/attempts/{id}");
        }
        var result = QuizGrader.Grade(quiz!, QuizAttempts.AnswersOf(attempt));
        var history = await attempts.HistoryAsync(state!.Enrolment!.Id, section!.Id, ct);
        return View("Results", new ResultsPageModel(section, quiz!, attempt, result, QuizAttempts.OrderOf(attempt), history));
    }

    /// <summary>The section, open to this learner, and a quiz; anything else is the access rule's answer or a 404.</summary>
    private async Task<(LearnerState?, SectionOutline?, IActionResult?)> OpenQuizAsync(string slug, CancellationToken ct)
    {
        var (state, outline, error) = await OpenSectionAsync(slug, ct);
        return error is null && outline!.Kind != SectionKind.Quiz ? (null, null, NotFound()) : (state, outline, error);
    }

    /// <summary>The attempt must be this learner's, stored, for this quiz, in an open week; anything else is a 404.</summary>
    private async Task<(LearnerState?, Section?, QuizDefinition?, QuizAttempt?, IActionResult?)> LoadAsync(string slug, Guid id, CancellationToken ct)
    {
        var (state, outline, error) = await OpenQuizAsync(slug, ct);
        if (error is not null)
        {
            return (null, null, null, null, error);
        }
        var attempt = await attempts.FindAsync(state!.Enrolment!.Id, outline!.Id, id, ct);
        if (attempt is null)
        {
            return (null, null, null, null, NotFound());
        }
        var (section, quiz) = await Session.QuizAsync(outline.Id, ct);
        return (state, section, quiz, attempt, null);
    }
}
