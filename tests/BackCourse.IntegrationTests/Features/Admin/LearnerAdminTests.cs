using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Features.Admin;

public sealed class LearnerAdminTests
{
    private static async Task<HttpClient> AdminAsync(TestApp app)
    {
        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        return admin;
    }

    private static Task<HttpResponseMessage> Act(HttpClient admin, Guid userId, string action, Dictionary<string, string>? fields = null) =>
        admin.SubmitFormAsync($"/admin/learners/{userId}", $"/admin/learners/{userId}/{action}", fields ?? []);

    [Fact]
    public async Task An_admin_grants_access_and_the_learner_can_open_week_1()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("granted@example.test", name: "Grace Granted");
        var admin = await AdminAsync(app);

        var found = await admin.GetPageAsync("/admin/learners?q=grace");
        Assert.Contains(found.QuerySelectorAll("td a"), a => a.TextContent == "Grace Granted");
        (await Act(admin, user.Id, "grant")).ShouldBe(HttpStatusCode.Redirect);

        var learner = app.CreateBrowser();
        await learner.SignInAsync("granted@example.test");
        (await learner.GetAsync("/learn")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pausing_stops_the_clock_and_resuming_shifts_the_later_weeks()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("pause@example.test");
        var enrolment = await app.EnrolAsync(user);
        var admin = await AdminAsync(app);

        app.Clock.Advance(TimeSpan.FromDays(3));
        (await Act(admin, user.Id, "pause")).ShouldBe(HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromDays(10)); // day 13: week 2 would be open without the pause

        var learner = app.CreateBrowser();
        await learner.SignInAsync("pause@example.test");
        (await learner.GetAsync("/learn/weeks/2")).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Contains("Your course is paused", (await learner.GetPageAsync("/learn")).Body!.TextContent, StringComparison.Ordinal);

        (await Act(admin, user.Id, "resume")).ShouldBe(HttpStatusCode.Redirect);

        using (var scope = app.Services.CreateScope())
        {
            var saved = await app.Db(scope).Enrolments.SingleAsync(e => e.Id == enrolment.Id);
            Assert.Equal((EnrolmentStatus.Active, TimeSpan.FromDays(10)), (saved.Status, saved.PausedTotal));
        }
        // Week 2 now opens on day 7 + 10 = day 17: four days from now (day 13).
        var dashboard = await learner.GetPageAsync("/learn");
        Assert.Contains("Week 2 opens Thu 19 Nov, 09:00, in 4 days", dashboard.Body!.TextContent, StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromDays(4));
        (await learner.GetAsync("/learn/weeks/2")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unlock_all_opens_every_week_and_moving_the_start_changes_the_dates()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("move@example.test");
        await app.EnrolAsync(user);
        var admin = await AdminAsync(app);
        var learner = app.CreateBrowser();
        await learner.SignInAsync("move@example.test");

        (await Act(admin, user.Id, "start", new() { ["StartLocal"] = "2026-10-12T09:00" })).ShouldBe(HttpStatusCode.Redirect);
        (await learner.GetAsync("/learn/weeks/4")).ShouldBe(HttpStatusCode.OK);   // 21 days after 12 Oct = 2 Nov
        (await learner.GetAsync("/learn/weeks/5")).ShouldBe(HttpStatusCode.Forbidden);

        var invalid = await Act(admin, user.Id, "start", new() { ["StartLocal"] = "" });
        invalid.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("Please choose the new start date and time.", (await invalid.ReadHtmlAsync()).Errors());

        (await Act(admin, user.Id, "unlock-all")).ShouldBe(HttpStatusCode.Redirect);
        (await learner.GetAsync("/learn/weeks/6")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Moving_the_start_uses_the_learners_own_time_zone()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("madrid@example.test");
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            (await db.Users.FindAsync(user.Id))!.TimeZoneId = "Europe/Madrid";
            await db.SaveChangesAsync();
        }
        var enrolment = await app.EnrolAsync(user);
        var admin = await AdminAsync(app);

        (await Act(admin, user.Id, "start", new() { ["StartLocal"] = "2026-10-20T09:30" })).ShouldBe(HttpStatusCode.Redirect);

        using var check = app.Services.CreateScope();
        var saved = await app.Db(check).Enrolments.SingleAsync(e => e.Id == enrolment.Id);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 7, 30, 0, TimeSpan.Zero), saved.StartedAt); // 09:30 CEST
    }

    [Fact]
    public async Task Learner_admin_pages_are_for_admins_only()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, user, _) = await app.SignedInLearnerAsync();
        var page = await learner.GetAsync($"/admin/learners/{user.Id}");
        page.ShouldBe(HttpStatusCode.Redirect);
        Assert.Contains("/error/403", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
