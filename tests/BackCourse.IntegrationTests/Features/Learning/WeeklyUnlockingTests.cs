using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Learning;

public sealed class WeeklyUnlockingTests
{
    [Fact]
    public async Task Learner_opens_week_1_is_refused_week_2_with_its_date_and_reads_it_once_7_days_pass()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var week1Lesson = await app.SectionAsync(1, 3);
        var week2Lesson = await app.SectionAsync(2, 1);

        var opened = await browser.GetPageAsync($"/learn/{week1Lesson.Slug}");
        Assert.Equal(week1Lesson.Title, opened.QuerySelector("h1")?.TextContent);

        var refused = await browser.GetAsync($"/learn/{week2Lesson.Slug}");
        refused.ShouldBe(HttpStatusCode.Forbidden);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Week 2 isn't open yet", (await refused.ReadHtmlAsync()).QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mon 9 Nov, 09:00", body, StringComparison.Ordinal); // started Mon 2 Nov 09:00 UTC
        Assert.Contains("in 7 days", body, StringComparison.Ordinal);
        Assert.DoesNotContain(week2Lesson.BodyHtml[..Math.Min(60, week2Lesson.BodyHtml.Length)], body, StringComparison.Ordinal);
        (await browser.GetAsync("/learn/weeks/2")).ShouldBe(HttpStatusCode.Forbidden);

        app.Clock.Advance(TimeSpan.FromDays(7));

        var now = await browser.GetPageAsync($"/learn/{week2Lesson.Slug}");
        Assert.Equal(week2Lesson.Title, now.QuerySelector("h1")?.TextContent);
        (await browser.GetAsync("/learn/weeks/2")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Opening_dates_are_shown_in_the_learners_time_zone_on_the_dashboard()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("tokyo@example.test");
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            (await db.Users.FindAsync(user.Id))!.TimeZoneId = "Asia/Tokyo";
            await db.SaveChangesAsync();
        }
        await app.EnrolAsync(user);
        var browser = app.CreateBrowser();
        await browser.SignInAsync("tokyo@example.test");

        var dashboard = await browser.GetPageAsync("/learn");

        var week3 = dashboard.QuerySelectorAll(".week-card").Single(c => c.TextContent.Contains("Week 3", StringComparison.Ordinal));
        Assert.Contains("Week 3 opens Mon 16 Nov, 18:00, in 14 days", week3.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_reads_the_free_preview_but_not_other_sections()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();
        var preview = await app.SectionAsync(1, 1);
        var lesson = await app.SectionAsync(1, 3);

        var page = await browser.GetPageAsync($"/learn/{preview.Slug}");
        Assert.Equal(preview.Title, page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/when-to-see-a-doctor']"));

        var refused = await browser.GetAsync($"/learn/{lesson.Slug}");
        refused.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("/", refused.Headers.Location?.OriginalString);
        (await browser.GetAsync("/learn")).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_visitor_can_read_a_real_week_1_lesson_tip_and_tool_from_the_course_page_before_paying()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();
        var coursePage = await browser.GetPageAsync("/");
        var links = coursePage.QuerySelectorAll(".free-previews a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, links.Count);

        var kinds = new List<string>();
        foreach (var href in links)
        {
            var page = await browser.GetPageAsync(href);
            Assert.Contains("This section is a free preview.", page.QuerySelector(".notice-inline")?.TextContent, StringComparison.Ordinal);
            Assert.True(page.QuerySelector(".prose")!.TextContent.Length > 800, $"{href} shows its teaching");
            var slug = href["/learn/".Length..];
            using var scope = app.Services.CreateScope();
            kinds.Add((await app.Db(scope).Sections.SingleAsync(s => s.Slug == slug)).Kind.ToString());
        }
        Assert.Equal(["Lesson", "Tip", "Tool"], kinds.Order());
        (await browser.GetAsync($"/learn/{(await app.SectionAsync(1, 8)).Slug}")).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_signed_in_user_without_an_enrolment_gets_the_course_page_not_content()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("browsing@example.test");
        var browser = app.CreateBrowser();
        await browser.SignInAsync("browsing@example.test");
        var lesson = await app.SectionAsync(1, 3);

        var response = await browser.GetAsync($"/learn/{lesson.Slug}");

        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_section_is_a_404()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        (await browser.GetAsync("/learn/no-such-section")).ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync("/learn/weeks/9")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_red_flag_notice_must_be_confirmed_before_the_first_lesson_and_the_confirmation_is_recorded()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync(safetyConfirmed: false);
        var lesson = await app.SectionAsync(1, 3);

        var gate = await browser.GetAsync($"/learn/{lesson.Slug}");
        gate.ShouldBe(HttpStatusCode.Redirect);
        var gateUrl = gate.Headers.Location!.OriginalString;
        Assert.StartsWith("/learn/before-you-start", gateUrl, StringComparison.Ordinal);

        var unticked = await browser.SubmitFormAsync(gateUrl, "/learn/before-you-start", new Dictionary<string, string>());
        unticked.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("Please tick the box to confirm you have read the notice.", (await unticked.ReadHtmlAsync()).Errors());

        var ticked = await browser.SubmitFormAsync(gateUrl, "/learn/before-you-start", new Dictionary<string, string> { ["confirmed"] = "true" });
        ticked.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal($"/learn/{lesson.Slug}", ticked.Headers.Location?.OriginalString);
        (await browser.GetAsync($"/learn/{lesson.Slug}")).ShouldBe(HttpStatusCode.OK);

        using var scope = app.Services.CreateScope();
        var saved = await app.Db(scope).Enrolments.FindAsync(enrolment.Id);
        Assert.Equal(app.Clock.GetUtcNow(), saved!.SafetyConfirmedAt);
    }

    [Fact]
    public async Task Content_a_learner_opened_stays_open_when_the_start_date_moves_later()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync(startedAt: new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
        var week2Lesson = await app.SectionAsync(2, 1);
        var otherWeek2Lesson = await app.SectionAsync(2, 2);
        (await browser.GetAsync($"/learn/{week2Lesson.Slug}")).ShouldBe(HttpStatusCode.OK);

        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            (await db.Enrolments.FindAsync(enrolment.Id))!.StartedAt = app.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        }

        (await browser.GetAsync($"/learn/{week2Lesson.Slug}")).ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/learn/{otherWeek2Lesson.Slug}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_learner_loses_access()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            (await db.Enrolments.FindAsync(enrolment.Id))!.Status = EnrolmentStatus.Revoked;
            await db.SaveChangesAsync();
        }
        var lesson = await app.SectionAsync(1, 3);

        (await browser.GetAsync($"/learn/{lesson.Slug}")).ShouldBe(HttpStatusCode.Redirect);
    }
}
