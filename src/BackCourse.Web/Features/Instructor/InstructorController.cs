using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Learning;
using BackCourse.Web.Features.Reflections;
using BackCourse.Web.Features.Tools;
using BackCourse.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.Instructor;

public sealed record QueuePageModel(IReadOnlyList<QueueItem> Items, int? Week, ReflectionState? State, DateTimeOffset Now, IReadOnlyList<RedFlagAlertItem> Alerts);

public sealed record ReviewPageModel(
    Reflection Reflection, Section Section, AppUser Learner, IReadOnlyList<PromptItem> Prompts,
    IReadOnlyDictionary<string, string> Answers, IReadOnlyList<ReflectionMessage> Thread, IReadOnlyList<ReflectionEvent> Events,
    IReadOnlyList<(Guid Id, string Title, ReflectionState State)> Earlier, int Completed, int Total,
    IReadOnlyList<string> RedFlags, string? SuggestedReply);

public sealed record LearnerSummaryModel(
    AppUser Learner, int Completed, int Total, IReadOnlyList<(string Quiz, int Best, bool Passed, int Attempts)> Quizzes, PainChartModel Chart);

public sealed class ReviewForm
{
    public string Body { get; set; } = "";

    /// <summary>reply, reviewed or revision.</summary>
    public string Decision { get; set; } = "reply";
}

public sealed class ReviewFormValidator : AbstractValidator<ReviewForm>
{
    public ReviewFormValidator()
    {
        RuleFor(f => f.Decision).Must(d => d is "reply" or "reviewed" or "revision").WithMessage("Please choose what to do with this reflection.");
        RuleFor(f => f.Body).NotEmpty().When(f => f.Decision is "reply" or "revision")
            .WithMessage("Please write your feedback for the learner.")
            .MaximumLength(5000).WithMessage("Please keep feedback under 5000 characters.");
    }
}

/// <summary>The instructor area: the review queue, reviewing one reflection, and a learner's summary.</summary>
[Route("instructor")]
[Authorize(Policy = Policies.Instructor)]
public sealed class InstructorController(
    AppDbContext db,
    ReflectionReviewQueue queue,
    ReflectionWork work,
    ReflectionNotifications notifications,
    PainLog painLog,
    RedFlagAlerts redFlags,
    IOptions<AppOptions> app,
    TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Queue(int? week, ReflectionState? state, CancellationToken ct) =>
        View("Queue", new QueuePageModel(await queue.ListAsync(User, week, state, ct), week, state, clock.GetUtcNow(), await redFlags.OpenAsync(User, ct)));

    [HttpPost("alerts/{id:guid}/handled")]
    public async Task<IActionResult> AlertHandled(Guid id, CancellationToken ct)
    {
        if (!await redFlags.HandleAsync(User, id, ct))
        {
            return NotFound();
        }
        TempData["Flash"] = "Marked as handled.";
        return Redirect("/instructor");
    }

    [HttpGet("reflections/{id:guid}")]
    public async Task<IActionResult> Review(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null ? NotFound() : View("Review", model);
    }

    [HttpPost("reflections/{id:guid}")]
    public async Task<IActionResult> Respond(Guid id, ReviewForm form, CancellationToken ct)
    {
        var reflection = await queue.VisibleTo(User).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (reflection is null || reflection.State == ReflectionState.Draft)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return View("Review", (await LoadAsync(id, ct))!);
        }
        var decision = form.Decision;
        if (decision is "reviewed" or "revision" && !ReflectionWorkflow.CanReview(reflection.State))
        {
            ModelState.AddModelError("", "This reflection isn't waiting for review any more, so it can't be marked again. You can still reply.");
            return View("Review", (await LoadAsync(id, ct))!);
        }
        var me = User.UserId()!.Value;
        var now = clock.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(form.Body))
        {
            await work.AddMessageAsync(reflection.Id, me, fromInstructor: true, form.Body, ct);
        }
        if (decision is "reviewed" or "revision")
        {
            var to = decision == "reviewed" ? ReflectionState.Reviewed : ReflectionState.RevisionRequested;
            db.ReflectionEvents.Add(new ReflectionEvent { ReflectionId = reflection.Id, ActorId = me, FromState = reflection.State, ToState = to, At = now });
            reflection.State = to;
            reflection.ReviewedAt = now;
            reflection.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        await notifications.NotifyLearnerAsync(reflection.Id, decision switch
        {
            "reviewed" => "reviewed your reflection",
            "revision" => "asked for a revision",
            _ => "replied",
        }, ct);
        TempData["Flash"] = decision switch
        {
            "reviewed" => "Marked reviewed; the learner has been emailed.",
            "revision" => "Revision requested; the learner has been emailed.",
            _ => "Reply sent; the learner has been emailed.",
        };
        return Redirect(decision == "reply" ? $"/instructor/reflections/{id}" : "/instructor");
    }

    [HttpGet("learners/{id:guid}")]
    public async Task<IActionResult> Learner(Guid id, CancellationToken ct)
    {
        if (!await queue.CanSeeLearnerAsync(User, id, ct))
        {
            return NotFound();
        }
        // An admin may look up any id: one that isn't a learner with an enrolment is simply not a learner's page.
        var learner = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        var enrolment = await db.Enrolments.AsNoTracking().OrderBy(e => e.CreatedAt).FirstOrDefaultAsync(e => e.UserId == id, ct);
        if (learner is null || enrolment is null)
        {
            return NotFound();
        }
        var (completed, total) = await ProgressAsync(enrolment, ct);
        var quizzes = await (from a in db.QuizAttempts
                             join s in db.Sections on a.SectionId equals s.Id
                             where a.EnrolmentId == enrolment.Id && a.SubmittedAt != null
                             group a by new { s.Title, s.WeekNumber, s.Position } into g
                             orderby g.Key.WeekNumber, g.Key.Position
                             select new { g.Key.Title, Best = g.Max(a => a.ScorePercent ?? 0), Passed = g.Any(a => a.Passed == true), Count = g.Count() })
                            .ToListAsync(ct);
        var chart = await painLog.ChartAsync(id, enrolment.StartedAt, LearnerTime.Zone(learner.TimeZoneId), ct);
        return View("Learner", new LearnerSummaryModel(learner, completed, total,
            [.. quizzes.Select(q => (q.Title, q.Best, q.Passed, q.Count))], chart));
    }

    private async Task<(int Completed, int Total)> ProgressAsync(Enrolment enrolment, CancellationToken ct) =>
        (await db.SectionProgress.CountAsync(p => p.EnrolmentId == enrolment.Id && p.CompletedAt != null, ct),
         await db.Sections.CountAsync(s => s.CourseId == enrolment.CourseId && s.IsPublished, ct));

    private async Task<ReviewPageModel?> LoadAsync(Guid id, CancellationToken ct)
    {
        var reflection = await queue.VisibleTo(User).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.State != ReflectionState.Draft, ct);
        if (reflection is null)
        {
            return null;
        }
        var section = await db.Sections.AsNoTracking().SingleAsync(s => s.Id == reflection.SectionId, ct);
        var enrolment = await db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == reflection.EnrolmentId, ct);
        var learner = await db.Users.AsNoTracking().SingleAsync(u => u.Id == enrolment.UserId, ct);
        var answers = ReflectionWork.AnswersOf(reflection);
        var earlier = await (from r in db.Reflections
                             join s in db.Sections on r.SectionId equals s.Id
                             where r.EnrolmentId == enrolment.Id && r.Id != id && r.State != ReflectionState.Draft
                             orderby s.WeekNumber, s.Position
                             select new { r.Id, s.Title, r.State }).ToListAsync(ct);
        var (completed, total) = await ProgressAsync(enrolment, ct);
        var flags = RedFlagDetector.Find(string.Join("\n", answers.Values));
        return new ReviewPageModel(reflection, section, learner, SectionExtras.Prompts(section.ExtrasJson), answers,
            await work.ThreadAsync(id, ct),
            await db.ReflectionEvents.AsNoTracking().Where(e => e.ReflectionId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct),
            [.. earlier.Select(e => (e.Id, e.Title, e.State))], completed, total, flags,
            flags.Count == 0 ? null : RedFlagDetector.SuggestedReply(flags, app.Value.PublicBaseUrl.TrimEnd('/') + "/when-to-see-a-doctor"));
    }
}
