using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Payments;

/// <summary>
/// The one hook for "an enrolment began" and "an enrolment ended": today it sends the welcome and
/// refund emails; the weekly unlock schedule plugs in here too.
/// </summary>
public interface IEnrolmentLifecycle
{
    Task StartedAsync(Enrolment enrolment, CancellationToken ct);

    Task EndedAsync(Enrolment enrolment, string reason, CancellationToken ct);
}

public sealed class EmailEnrolmentLifecycle(AppDbContext db, IEmailSender sender, IOptions<AppOptions> app) : IEnrolmentLifecycle
{
    private string Link(string path) => app.Value.PublicBaseUrl.TrimEnd('/') + path;

    public async Task StartedAsync(Enrolment enrolment, CancellationToken ct)
    {
        var (user, course) = await LoadAsync(enrolment, ct);
        var week1 = await db.Weeks.AsNoTracking().SingleOrDefaultAsync(w => w.CourseId == course.Id && w.Number == 1, ct);
        await sender.SendAsync(EmailTemplates.Compose(
            user.Email!, $"Welcome to {course.Title}: week 1 is open", "welcome", user.Id,
            $"Welcome, {user.DisplayName}",
            [$"You're enrolled in {course.Title}. Week 1{(week1 is null ? "" : $", \u201c{week1.Title}\u201d,")} is open now, and a new week opens every 7 days. We'll email you when each one does.",
             "Before your first lesson you'll be asked to read a short notice on when to see a doctor. Please do: this course is education, not medical advice."],
            "Start week 1", Link("/learn")), ct);
    }

    public async Task EndedAsync(Enrolment enrolment, string reason, CancellationToken ct)
    {
        var (user, course) = await LoadAsync(enrolment, ct);
        await sender.SendAsync(EmailTemplates.Compose(
            user.Email!, $"Your refund for {course.Title}", "refund", user.Id,
            "Your refund is on its way",
            [$"We've refunded your purchase of {course.Title}. It can take 5 to 10 days to reach your account, depending on your bank.",
             "Your access to the course has ended. Thank you for trying it; if something fell short, we'd love to hear what."]), ct);
        _ = reason;
    }

    private async Task<(AppUser User, Course Course)> LoadAsync(Enrolment enrolment, CancellationToken ct) =>
        (await db.Users.AsNoTracking().SingleAsync(u => u.Id == enrolment.UserId, ct),
         await db.Courses.AsNoTracking().SingleAsync(c => c.Id == enrolment.CourseId, ct));
}
