using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Reviews;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record InboxRow(
    long Id, FeedbackKind Kind, FeedbackStatus Status, int Week, string SectionTitle, string? LearnerName, string Body,
    DateTimeOffset CreatedAt, string? Reply);

public sealed record InboxModel(IReadOnlyList<InboxRow> Items, FeedbackStatus? Status, int? Week, IReadOnlyList<HelpfulnessRow> Helpfulness);

public sealed record HelpfulnessRow(int Week, int Position, string Title, int Yes, int No);

public sealed record ReviewRow(Guid Id, string LearnerName, int Rating, string Body, ReviewStatus Status, DateTimeOffset UpdatedAt);

public sealed class ReplyForm
{
    public string Body { get; set; } = "";
}

public sealed class ReplyFormValidator : AbstractValidator<ReplyForm>
{
    public ReplyFormValidator()
    {
        RuleFor(f => f.Body).NotEmpty().WithMessage("Please write your reply first.")
            .MaximumLength(4000).WithMessage("Please keep replies under 4000 characters.");
    }
}

/// <summary>Suggestions and weekly feedback from learners; replies go out by email and are kept here.</summary>
[Route("admin")]
[Authorize(Policy = Policies.Admin)]
public sealed class FeedbackInboxController(AppDbContext db, IEmailSender sender, TimeProvider clock) : Controller
{
    [HttpGet("feedback")]
    public async Task<IActionResult> Inbox(FeedbackStatus? status, int? week, CancellationToken ct) =>
        View("Inbox", await LoadAsync(status, week, ct));

    [HttpPost("feedback/{id:long}/read")]
    public async Task<IActionResult> MarkRead(long id, CancellationToken ct)
    {
        var changed = await db.FeedbackItems.Where(f => f.Id == id && f.Status == FeedbackStatus.New)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FeedbackStatus.Read), ct);
        if (changed == 0 && !await db.FeedbackItems.AnyAsync(f => f.Id == id, ct))
        {
            return NotFound();
        }
        return Redirect("/admin/feedback");
    }

    [HttpPost("feedback/{id:long}/reply")]
    public async Task<IActionResult> Reply(long id, ReplyForm form, CancellationToken ct)
    {
        var item = await db.FeedbackItems.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (item is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            TempData["Flash"] = ModelState.Values.SelectMany(v => v.Errors).First().ErrorMessage;
            return Redirect($"/admin/feedback#feedback-{id}");
        }
        var learner = item.UserId is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == item.UserId, ct);
        if (learner?.Email is null)
        {
            TempData["Flash"] = "This learner's account no longer exists, so there is no one to email.";
            return Redirect("/admin/feedback");
        }
        var section = await db.Sections.AsNoTracking().SingleAsync(s => s.Id == item.SectionId, ct);
        var result = await sender.SendAsync(EmailTemplates.Compose(
            learner.Email, $"About your feedback on \u201c{section.Title}\u201d", "feedback-reply", learner.Id,
            "A reply to your feedback",
            [$"Hello {learner.DisplayName}, thank you for your feedback on \u201c{section.Title}\u201d. Here is our reply:", form.Body.Trim()]), ct);
        item.Reply = form.Body.Trim();
        item.RepliedAt = clock.GetUtcNow();
        item.RepliedBy = User.UserId();
        item.Status = FeedbackStatus.Answered;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = result.Sent ? "Reply sent by email and recorded." : "Reply recorded, but the email failed; see the email log.";
        return Redirect("/admin/feedback");
    }

    [HttpGet("reviews")]
    public async Task<IActionResult> Reviews(CancellationToken ct)
    {
        var rows = await (from r in db.CourseReviews.AsNoTracking()
                          join u in db.Users on r.UserId equals u.Id
                          orderby r.Status, r.UpdatedAt descending
                          select new ReviewRow(r.Id, u.DisplayName, r.Rating, r.Body, r.Status, r.UpdatedAt)).ToListAsync(ct);
        return View("Reviews", rows);
    }

    [HttpPost("reviews/{id:guid}/{decision:regex(^(approve|hide)$)}")]
    public async Task<IActionResult> Moderate(Guid id, string decision, CancellationToken ct)
    {
        // Route constraints ignore case, so "APPROVE" arrives here too and must mean approve, not hide.
        var status = string.Equals(decision, "approve", StringComparison.OrdinalIgnoreCase) ? ReviewStatus.Approved : ReviewStatus.Hidden;
        var changed = await db.CourseReviews.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status), ct);
        if (changed == 0)
        {
            return NotFound();
        }
        TempData["Flash"] = status == ReviewStatus.Approved ? "Approved: the review shows on the course page." : "Hidden from the course page.";
        return Redirect("/admin/reviews");
    }

    private async Task<InboxModel> LoadAsync(FeedbackStatus? status, int? week, CancellationToken ct)
    {
        var query = from f in db.FeedbackItems.AsNoTracking()
                    join s in db.Sections on f.SectionId equals s.Id
                    join u in db.Users on f.UserId equals u.Id into users
                    from u in users.DefaultIfEmpty()
                    select new { f, s, Name = u == null ? null : u.DisplayName };
        if (status is not null)
        {
            query = query.Where(x => x.f.Status == status);
        }
        if (week is not null)
        {
            query = query.Where(x => x.f.WeekNumber == week);
        }
        var items = await query.OrderBy(x => x.f.Status).ThenByDescending(x => x.f.CreatedAt).Take(200)
            .Select(x => new InboxRow(x.f.Id, x.f.Kind, x.f.Status, x.f.WeekNumber, x.s.Title, x.Name, x.f.Body, x.f.CreatedAt, x.f.Reply))
            .ToListAsync(ct);
        var helpfulness = await SectionHelpfulness.ReadAsync(db, null, null, ct);
        return new InboxModel(items, status, week, helpfulness);
    }
}
