using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record LearnerRow(Guid Id, string Name, string Email, EnrolmentStatus? Status);

public sealed record LearnerDetail(
    AppUser User, Course? Course, Enrolment? Enrolment, int Completed, int Total,
    IReadOnlyList<(int Week, bool Open, string OpensAt)> Weeks, TimeZoneInfo Zone, bool IsInstructor, bool IsAssigned,
    IReadOnlyList<Notification> Notifications, LearnerActivityModel Activity);

public sealed class MoveStartForm
{
    /// <summary>Local date and time in the learner's own zone.</summary>
    public DateTime? StartLocal { get; set; }
}

public sealed class MoveStartFormValidator : AbstractValidator<MoveStartForm>
{
    public MoveStartFormValidator()
    {
        RuleFor(f => f.StartLocal).NotNull().WithMessage("Please choose the new start date and time.")
            .Must(d => d is null || (d.Value.Year >= 2000 && d.Value.Year <= 2100)).WithMessage("Please choose a date between 2000 and 2100.");
    }
}

/// <summary>
/// Staff tools for one learner: their progress, quizzes, reflections, orders and pain log, and their
/// access (grant, pause/resume, unlock all, move start, revoke).
/// </summary>
[Route("admin/learners")]
[Authorize(Policy = Policies.Admin)]
public sealed class LearnersController(
    AppDbContext db, EnrolmentActions actions, Enrolments.IEnrolmentLifecycle lifecycle, LearnerActivity activity, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = Infrastructure.LikePattern.Containing(q);
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern) || EF.Functions.ILike(u.Email!, pattern));
        }
        var rows = await query
            .OrderBy(u => u.DisplayName).Take(100)
            .Select(u => new LearnerRow(u.Id, u.DisplayName, u.Email!,
                db.Enrolments.Where(e => course != null && e.UserId == u.Id && e.CourseId == course.Id).Select(e => (EnrolmentStatus?)e.Status).FirstOrDefault()))
            .ToListAsync(ct);
        ViewData["Query"] = q;
        return View("Learners", rows);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Detail(Guid id, CancellationToken ct)
    {
        var detail = await LoadAsync(id, ct);
        return detail is null ? NotFound() : View("LearnerDetail", detail);
    }

    [HttpPost("{id:guid}/grant")]
    public async Task<IActionResult> Grant(Guid id, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (course is null || !await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return NotFound();
        }
        var enrolment = await actions.GrantAsync(id, course.Id, null, ct);
        await lifecycle.StartedAsync(enrolment, ct); // welcome email and the weekly schedule
        return Done(id, "Access granted: week 1 is open now.");
    }

    [HttpPost("{id:guid}/pause")]
    public Task<IActionResult> Pause(Guid id, CancellationToken ct) =>
        OnEnrolment(id, e => actions.PauseAsync(e, ct), "Paused: no new weeks open until resumed.", "Only an active enrolment can be paused.", ct);

    [HttpPost("{id:guid}/resume")]
    public Task<IActionResult> Resume(Guid id, CancellationToken ct) =>
        OnEnrolment(id, e => actions.ResumeAsync(e, ct), "Resumed: later weeks moved back by the time paused.", "Only a paused enrolment can be resumed.", ct);

    [HttpPost("{id:guid}/unlock-all")]
    public Task<IActionResult> UnlockAll(Guid id, CancellationToken ct) =>
        OnEnrolment(id, e => actions.UnlockAllAsync(e, ct), "Every week is now open for this learner.", "Nothing changed.", ct);

    [HttpPost("{id:guid}/revoke")]
    public Task<IActionResult> Revoke(Guid id, CancellationToken ct) =>
        OnEnrolment(id, e => actions.RevokeAsync(e, ct), "Access revoked.", "Nothing changed.", ct);

    [HttpPost("{id:guid}/assign")]
    public async Task<IActionResult> Assign(Guid id, bool assign, CancellationToken ct)
    {
        var detail = await LoadAsync(id, ct);
        if (detail?.Course is null)
        {
            return NotFound();
        }
        if (!detail.IsInstructor)
        {
            return Done(id, "Only accounts with the Instructor role can be assigned to the course.");
        }
        if (assign && !detail.IsAssigned)
        {
            db.CourseInstructors.Add(new CourseInstructor { CourseId = detail.Course.Id, UserId = id });
            await db.SaveChangesAsync(ct);
        }
        else if (!assign)
        {
            await db.CourseInstructors.Where(i => i.CourseId == detail.Course.Id && i.UserId == id).ExecuteDeleteAsync(ct);
        }
        return Done(id, assign ? "Assigned: they now review this course's reflections." : "No longer an instructor of this course.");
    }

    [HttpPost("{id:guid}/notifications/{notificationId:guid}/resend")]
    public async Task<IActionResult> Resend(Guid id, Guid notificationId, CancellationToken ct)
    {
        var changed = await WeeklyEmails.NotificationDispatcher.ResendAsync(db, notificationId, clock.GetUtcNow(), ct);
        return Done(id, changed == 1 ? "Queued to send again within a few seconds." : "Only a failed or cancelled email can be sent again.");
    }

    [HttpPost("{id:guid}/start")]
    public async Task<IActionResult> MoveStart(Guid id, MoveStartForm form, CancellationToken ct)
    {
        var detail = await LoadAsync(id, ct);
        if (detail?.Enrolment is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return View("LearnerDetail", detail);
        }
        var local = DateTime.SpecifyKind(form.StartLocal!.Value, DateTimeKind.Unspecified);
        var startAt = new DateTimeOffset(local, detail.Zone.GetUtcOffset(local));
        await actions.MoveStartAsync(detail.Enrolment.Id, startAt, ct);
        return Done(id, $"Start moved to {LearnerTime.DayAndTime(startAt, detail.Zone)} ({detail.Zone.Id}).");
    }

    private async Task<IActionResult> OnEnrolment(Guid userId, Func<Guid, Task<bool>> action, string done, string refused, CancellationToken ct)
    {
        var enrolmentId = await db.Enrolments.Where(e => e.UserId == userId).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        if (enrolmentId is null)
        {
            return NotFound();
        }
        return Done(userId, await action(enrolmentId.Value) ? done : refused);
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Flash"] = message;
        return Redirect($"/admin/learners/{id}");
    }

    private async Task<LearnerDetail?> LoadAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        var course = await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        var enrolment = course is null ? null : await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.UserId == id && e.CourseId == course.Id, ct);
        var zone = LearnerTime.Zone(user.TimeZoneId);
        var total = course is null ? 0 : await db.Sections.CountAsync(s => s.CourseId == course.Id && s.IsPublished, ct);
        var completed = enrolment is null ? 0 : await db.SectionProgress.CountAsync(p => p.EnrolmentId == enrolment.Id && p.CompletedAt != null, ct);
        var now = clock.GetUtcNow();
        var calendar = enrolment?.Calendar(zone);
        var weeks = calendar is null ? [] : Enumerable.Range(1, WeekUnlockCalendar.Weeks)
            .Select(w => (w, calendar.IsOpen(w, now), LearnerTime.DayAndTime(calendar.OpensAt(w), zone))).ToList();
        var isInstructor = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                  where ur.UserId == id && r.Name == Roles.Instructor select ur).AnyAsync(ct);
        var isAssigned = course is not null && await db.CourseInstructors.AnyAsync(i => i.CourseId == course.Id && i.UserId == id, ct);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == id)
            .OrderBy(n => n.Week).ThenBy(n => n.Kind).ToListAsync(ct);
        return new LearnerDetail(user, course, enrolment, completed, total, weeks, zone, isInstructor, isAssigned, notifications,
            await activity.LoadAsync(user, course, enrolment, zone, ct));
    }
}
