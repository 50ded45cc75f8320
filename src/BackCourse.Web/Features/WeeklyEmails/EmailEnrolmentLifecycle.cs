using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Features.Enrolments;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>What an enrolment's start and refund mean for its email: the welcome and weekly schedule, or a refund note.</summary>
public sealed class EmailEnrolmentLifecycle(
    AppDbContext db,
    IEmailSender sender,
    NotificationSchedule schedule,
    NotificationDispatcher dispatcher) : IEnrolmentLifecycle
{
    /// <summary>Schedules the welcome (sent at once, from here) and the unlock emails for weeks 2–6.</summary>
    public async Task StartedAsync(Enrolment enrolment, CancellationToken ct)
    {
        var welcome = await schedule.ScheduleAsync(enrolment, ct);
        await dispatcher.DispatchOneAsync(welcome, ct);
    }

    /// <summary>Cancels every email still to come and tells the learner about the refund.</summary>
    public async Task RefundedAsync(Enrolment enrolment, CancellationToken ct)
    {
        await schedule.CancelAsync(enrolment.Id, ct);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == enrolment.UserId, ct);
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == enrolment.CourseId, ct);
        await sender.SendAsync(EmailTemplates.Compose(
            user.Email!, $"Your refund for {course.Title}", "refund", user.Id,
            "Your refund is on its way",
            [$"We've refunded your purchase of {course.Title}. It can take 5 to 10 days to reach your account, depending on your bank.",
             "Your access to the course has ended. Thank you for trying it; if something fell short, we'd love to hear what."]), ct);
    }
}
