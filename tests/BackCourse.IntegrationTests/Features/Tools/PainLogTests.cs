using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Features.Tools;

public sealed class PainLogTests
{
    [Theory]
    [InlineData("11", "4", "Pain must be a whole number from 0 to 10.")]
    [InlineData("-1", "4", "Pain must be a whole number from 0 to 10.")]
    [InlineData("4", "42", "Stiffness must be a whole number from 0 to 10.")]
    [InlineData("", "4", "Please rate your pain from 0 to 10.")]
    public async Task The_pain_log_rejects_values_outside_0_to_10_with_a_clear_message_and_stores_nothing(string pain, string stiffness, string message)
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();

        var response = await browser.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log",
            new Dictionary<string, string> { ["Day"] = "2026-11-02", ["Pain"] = pain, ["Stiffness"] = stiffness, ["Note"] = "kept note" });

        response.ShouldBe(HttpStatusCode.OK);
        var page = await response.ReadHtmlAsync();
        Assert.Contains(message, page.Errors());
        Assert.Equal("kept note", page.QuerySelector("textarea[name=Note]")?.TextContent.Trim());
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).PainLog.AnyAsync());
    }

    [Fact]
    public async Task Logging_a_day_twice_keeps_one_entry_and_the_dashboard_charts_it()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, user, _) = await app.SignedInLearnerAsync();

        foreach (var pain in new[] { "7", "5" })
        {
            (await browser.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log",
                new Dictionary<string, string> { ["Day"] = "2026-11-02", ["Pain"] = pain, ["Stiffness"] = "3" })).ShouldBe(HttpStatusCode.Redirect);
        }

        using (var scope = app.Services.CreateScope())
        {
            var entry = await app.Db(scope).PainLog.SingleAsync(p => p.UserId == user.Id);
            Assert.Equal((5, 3), (entry.Pain, entry.Stiffness));
        }
        var dashboard = await browser.GetPageAsync("/learn");
        Assert.Equal(2, dashboard.QuerySelectorAll("svg.chart circle").Length);
    }

    [Fact]
    public async Task The_dashboard_charts_the_six_weeks_from_the_learners_own_start_day_in_their_zone()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("kiritimati@example.test");
        // Ten days ago at 12:00 UTC, which in Kiritimati (UTC+14) was already the next day: the chart's first day.
        var now = app.Clock.GetUtcNow();
        var startedAt = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-10).AddHours(12);
        var utcDay = DateOnly.FromDateTime(startedAt.UtcDateTime);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            (await db.Users.FindAsync(user.Id))!.TimeZoneId = "Pacific/Kiritimati";
            db.PainLog.AddRange(
                [.. new[] { 0, 1, 42, 43 }.Select(offset => new BackCourse.Web.Domain.PainLogEntry
                {
                    UserId = user.Id, Day = utcDay.AddDays(offset), Pain = 4, Stiffness = 3, UpdatedAt = startedAt,
                })]);
            await db.SaveChangesAsync();
        }
        await app.EnrolAsync(user, startedAt);
        var browser = app.CreateBrowser();
        await browser.SignInAsync("kiritimati@example.test");

        var dashboard = await browser.GetPageAsync("/learn");

        // The first day and the 42nd are charted, a pain and a stiffness point each; the days either side are not.
        Assert.Equal(4, dashboard.QuerySelectorAll("svg.chart circle").Length);
    }

    [Fact]
    public async Task The_desk_timer_offers_30_to_60_minute_intervals()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();

        var page = await browser.GetPageAsync("/learn/tools/desk-timer");

        Assert.Equal(["30", "45", "60"], page.QuerySelectorAll("#timer-interval option").Select(o => o.GetAttribute("value")));
    }
}
