using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>Arranging learners: an enrolment starting at a given time, optionally past the safety gate.</summary>
public static class Learners
{
    public static async Task<Enrolment> EnrolAsync(this TestApp app, AppUser user, DateTimeOffset? startedAt = null, bool safetyConfirmed = true)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var course = await db.Courses.SingleAsync(c => c.Slug == "upper-back-spasms");
        var enrolment = new Enrolment
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            CourseId = course.Id,
            StartedAt = startedAt ?? app.Clock.GetUtcNow(),
            Status = EnrolmentStatus.Active,
            SafetyConfirmedAt = safetyConfirmed ? app.Clock.GetUtcNow() : null,
            CreatedAt = app.Clock.GetUtcNow(),
        };
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync();
        return enrolment;
    }

    /// <summary>A signed-in browser for a new enrolled learner.</summary>
    public static async Task<(HttpClient Browser, AppUser User, Enrolment Enrolment)> SignedInLearnerAsync(
        this TestApp app, string email = "learner@example.test", DateTimeOffset? startedAt = null, bool safetyConfirmed = true)
    {
        var user = await app.CreateUserAsync(email);
        var enrolment = await app.EnrolAsync(user, startedAt, safetyConfirmed);
        var browser = app.CreateBrowser();
        await browser.SignInAsync(email);
        return (browser, user, enrolment);
    }

    public static async Task<Section> SectionAsync(this TestApp app, int week, int position)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Sections.AsNoTracking().SingleAsync(s => s.WeekNumber == week && s.Position == position);
    }

    public static async Task<Section> SectionOfKindAsync(this TestApp app, int week, SectionKind kind)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Sections.AsNoTracking().Where(s => s.WeekNumber == week && s.Kind == kind).OrderBy(s => s.Position).FirstAsync();
    }

    /// <summary>
    /// A learner's completion time of a section and its row version (xmin), which changes whenever the row is
    /// written again, even with the same values.
    /// </summary>
    public static async Task<(DateTimeOffset? CompletedAt, string Version)> CompletionAsync(this TestApp app, Guid enrolmentId, Guid sectionId)
    {
        using var scope = app.Services.CreateScope();
        var row = await app.Db(scope).Database.SqlQuery<ProgressVersion>($"""
            SELECT completed_at AS "CompletedAt", xmin::text AS "Version" FROM section_progress
             WHERE enrolment_id = {enrolmentId} AND section_id = {sectionId}
            """).SingleAsync();
        return (row.CompletedAt, row.Version);
    }

    private sealed record ProgressVersion(DateTimeOffset? CompletedAt, string Version);
}
