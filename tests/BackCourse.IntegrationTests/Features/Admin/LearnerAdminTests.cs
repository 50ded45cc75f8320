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
    public async Task The_learner_page_shows_progress_by_week_quizzes_reflections_orders_and_the_pain_chart()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("worker@example.test", name: "Wendy Worker");
        var startedAt = app.Clock.GetUtcNow().AddDays(-10);
        var enrolment = await app.EnrolAsync(user, startedAt);
        var now = app.Clock.GetUtcNow();
        var paid = Guid.CreateVersion7();
        var refunded = Guid.CreateVersion7();
        var reflection = Guid.CreateVersion7();
        int week1Total, week2Total;
        Section quiz, prompt;
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var sections = await db.Sections.Where(s => s.IsPublished).OrderBy(s => s.WeekNumber).ThenBy(s => s.Position).ToListAsync();
            var week1 = sections.Where(s => s.WeekNumber == 1).ToList();
            var week2 = sections.Where(s => s.WeekNumber == 2).ToList();
            (week1Total, week2Total) = (week1.Count, week2.Count);
            db.SectionProgress.AddRange(week1.Concat(week2.Take(2)).Select(s =>
                new SectionProgress { EnrolmentId = enrolment.Id, SectionId = s.Id, FirstOpenedAt = now.AddDays(-5), CompletedAt = now.AddDays(-5) }));
            quiz = week1.Single(s => s.Slug == "week-1-quiz");
            db.QuizAttempts.AddRange(
                new QuizAttempt { Id = Guid.CreateVersion7(), EnrolmentId = enrolment.Id, SectionId = quiz.Id, Number = 1, StartedAt = now.AddDays(-6), SubmittedAt = now.AddDays(-6), AnswersJson = "{}", CorrectCount = 4, GradedCount = 8, ScorePercent = 50, Passed = false },
                new QuizAttempt { Id = Guid.CreateVersion7(), EnrolmentId = enrolment.Id, SectionId = quiz.Id, Number = 2, StartedAt = now.AddDays(-5), SubmittedAt = now.AddDays(-5), AnswersJson = "{}", CorrectCount = 7, GradedCount = 8, ScorePercent = 88, Passed = true });
            prompt = week1.First(s => s.Kind == SectionKind.Reflection);
            db.Reflections.Add(new Reflection
            {
                Id = reflection, EnrolmentId = enrolment.Id, SectionId = prompt.Id, State = ReflectionState.Submitted, AnswersJson = "{}",
                CreatedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-1), SubmittedAt = now.AddDays(-1),
            });
            db.Orders.AddRange(
                new Order { Id = paid, UserId = user.Id, CourseId = enrolment.CourseId, Status = OrderStatus.Paid, ListPriceCents = 1200, DiscountCents = 300, AmountCents = 900, PaymentIntentId = "pi_paid_one", CreatedAt = startedAt, PaidAt = startedAt },
                new Order { Id = refunded, UserId = user.Id, CourseId = enrolment.CourseId, Status = OrderStatus.Refunded, ListPriceCents = 1200, DiscountCents = 0, AmountCents = 1200, PaymentIntentId = "pi_refunded_one", CreatedAt = startedAt.AddDays(-30), PaidAt = startedAt.AddDays(-30), RefundedAt = startedAt.AddDays(-29) });
            var firstDay = LearnerTime.Today(startedAt, TimeZoneInfo.Utc);
            db.PainLog.AddRange(
                new PainLogEntry { UserId = user.Id, Day = firstDay.AddDays(1), Pain = 7, Stiffness = 6, UpdatedAt = now.AddDays(-9) },
                new PainLogEntry { UserId = user.Id, Day = firstDay.AddDays(3), Pain = 5, Stiffness = 4, Note = "Better after the stretches", UpdatedAt = now.AddDays(-7) });
            await db.SaveChangesAsync();
        }
        var admin = await AdminAsync(app);

        var page = await admin.GetPageAsync($"/admin/learners/{user.Id}");

        Assert.Equal($"{week1Total} of {week1Total} (week complete)", page.QuerySelector("#week-1 .week-progress")?.TextContent);
        Assert.Equal($"2 of {week2Total}", page.QuerySelector("#week-2 .week-progress")?.TextContent);
        Assert.StartsWith("0 of ", page.QuerySelector("#week-3 .week-progress")?.TextContent, StringComparison.Ordinal);
        var quizzes = page.QuerySelectorAll("#learner-quizzes tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([$"Week 1: {quiz.Title}", "2", "88%", "yes"], quizzes.Single(r => r[0] == $"Week 1: {quiz.Title}"));
        Assert.Equal(["0", "not taken", ""], quizzes.Single(r => r[0].StartsWith("Week 2: ", StringComparison.Ordinal))[1..]);

        var reflectionRow = Assert.Single(page.QuerySelectorAll("#learner-reflections tbody tr"));
        var link = reflectionRow.QuerySelector("a");
        Assert.Equal((prompt.Title, $"/instructor/reflections/{reflection}"), (link?.TextContent, link?.GetAttribute("href")));
        Assert.Equal("Waiting for review", reflectionRow.QuerySelectorAll("td")[2].TextContent);
        (await admin.GetAsync(link!.GetAttribute("href"))).ShouldBe(HttpStatusCode.OK); // the instructor's review page, which admins may open

        var orders = page.QuerySelectorAll("#learner-orders tbody tr").ToList();
        Assert.Equal(2, orders.Count);
        Assert.Equal(["$9.00", "Paid"], orders[0].QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
        Assert.Equal(["$12.00", "Refunded"], orders[1].QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
        Assert.Equal($"/admin/orders#order-{paid}", orders[0].QuerySelector("a")?.GetAttribute("href"));
        var refundForm = Assert.Single(page.QuerySelectorAll("#learner-orders form"));
        Assert.Equal($"/admin/orders/{paid}/refund", refundForm.GetAttribute("action"));

        Assert.Equal("Pain and stiffness over the six weeks (0 to 10)", page.GetElementById("pain-chart-title")?.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("svg circle.dot.pain").Length);
        Assert.Equal(["7", "5"], page.QuerySelectorAll("#learner-pain-log tbody tr").Select(tr => tr.QuerySelectorAll("td")[1].TextContent));

        // Refunding from here uses the orders page's own refund action, then comes back to the learner.
        var refund = await admin.SubmitFormAsync($"/admin/learners/{user.Id}", $"/admin/orders/{paid}/refund", new Dictionary<string, string>());
        refund.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal($"/admin/learners/{user.Id}", refund.Headers.Location?.OriginalString);
        Assert.Contains("Refund requested", (await admin.GetPageAsync($"/admin/learners/{user.Id}")).QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        using var check = app.Services.CreateScope();
        Assert.NotNull((await app.Db(check).Orders.SingleAsync(o => o.Id == paid)).RefundRequestedAt);
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
