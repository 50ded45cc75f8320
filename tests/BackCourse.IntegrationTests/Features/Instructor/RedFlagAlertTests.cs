using System.Net;
using AngleSharp.Html.Dom;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Instructor;

public sealed class RedFlagAlertTests
{
    private static async Task<HttpClient> InstructorAsync(TestApp app)
    {
        var user = await app.CreateUserAsync("teacher@example.test", Roles.Instructor, "Tess Teacher");
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            db.CourseInstructors.Add(new CourseInstructor { CourseId = (await db.Courses.SingleAsync(c => c.Slug == "upper-back-spasms")).Id, UserId = user.Id });
            await db.SaveChangesAsync();
        }
        var browser = app.CreateBrowser();
        await browser.SignInAsync("teacher@example.test");
        return browser;
    }

    private static string Alert(IHtmlDocument page) => page.QuerySelector(".get-help-now-alert")?.TextContent ?? "";

    [Fact]
    public async Task A_learner_whose_pain_log_note_says_my_chest_hurts_is_told_at_once_to_call_the_emergency_number_and_tops_the_instructors_queue()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var instructor = await InstructorAsync(app);

        (await learner.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log", new Dictionary<string, string>
        {
            ["Day"] = "2026-11-02", ["Pain"] = "6", ["Stiffness"] = "5", ["Note"] = "My chest hurts when the spasm comes on.",
        })).ShouldBe(HttpStatusCode.Redirect);

        var shown = Alert(await learner.GetPageAsync("/learn/tools/pain-log"));
        Assert.Contains("Call your emergency number now", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("urgent care", shown, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", Alert(await learner.GetPageAsync("/learn/tools/pain-log"))); // once, not on every page after

        var queue = await instructor.GetPageAsync("/instructor");
        var row = Assert.Single(queue.QuerySelectorAll(".urgent-alerts tbody tr"));
        Assert.Contains("Urgent", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("My chest hurts when the spasm comes on.", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("chest pain or trouble breathing", row.TextContent, StringComparison.Ordinal);

        var action = row.QuerySelector("form")!.GetAttribute("action")!;
        (await instructor.SubmitFormAsync("/instructor", action, new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);
        Assert.Empty((await instructor.GetPageAsync("/instructor")).QuerySelectorAll(".urgent-alerts tbody tr"));
    }

    [Fact]
    public async Task Worksheet_answers_suggestions_and_week_feedback_are_all_read_for_red_flags()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var instructor = await InstructorAsync(app);

        var worksheet = await app.SectionOfKindAsync(1, SectionKind.Worksheet);
        var field = (await learner.GetPageAsync($"/learn/{worksheet.Slug}")).QuerySelector("#worksheet textarea")!.GetAttribute("name")!;
        (await learner.SubmitFormAsync($"/learn/{worksheet.Slug}", $"/learn/{worksheet.Slug}/worksheet",
            new Dictionary<string, string> { [field] = "Pins and needles in my right hand since Monday." })).ShouldBe(HttpStatusCode.Redirect);
        Assert.Contains("See a doctor today", Alert(await learner.GetPageAsync($"/learn/{worksheet.Slug}")), StringComparison.Ordinal);

        var lesson = await app.SectionAsync(1, 3);
        (await learner.SubmitFormAsync($"/learn/{lesson.Slug}", $"/learn/{lesson.Slug}/suggestion",
            new Dictionary<string, string> { ["Body"] = "I wet myself yesterday, is that part of it?" })).ShouldBe(HttpStatusCode.Redirect);
        Assert.Contains("Go to an emergency department today", Alert(await learner.GetPageAsync($"/learn/{lesson.Slug}")), StringComparison.Ordinal);

        var feedback = await app.SectionOfKindAsync(1, SectionKind.Feedback);
        var page = await learner.GetPageAsync($"/learn/{feedback.Slug}");
        var answers = page.QuerySelectorAll("#week-feedback input[type=radio]").GroupBy(r => r.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.Last().GetAttribute("value")!);
        foreach (var t in page.QuerySelectorAll("#week-feedback textarea"))
        {
            answers[t.GetAttribute("name")!] = "It has been getting worse every day for three weeks.";
        }
        (await learner.SubmitFormAsync($"/learn/{feedback.Slug}", $"/learn/{feedback.Slug}/feedback", answers)).ShouldBe(HttpStatusCode.Redirect);
        Assert.Contains("Book a doctor's appointment this week", Alert(await learner.GetPageAsync($"/learn/{feedback.Slug}")), StringComparison.Ordinal);

        var rows = (await instructor.GetPageAsync("/instructor")).QuerySelectorAll(".urgent-alerts tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("Worksheet", StringComparison.Ordinal) && r.Contains("Pins and needles", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Suggestion", StringComparison.Ordinal) && r.Contains("loss of bladder or bowel control", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("WeekFeedback", StringComparison.Ordinal) && r.Contains("getting worse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_learner_writing_about_everyday_stiffness_sees_no_alert_and_the_instructor_gets_none()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        (await learner.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log", new Dictionary<string, string>
        {
            ["Day"] = "2026-11-02", ["Pain"] = "3", ["Stiffness"] = "4", ["Note"] = "Stiff after the long meeting; the hot shower helped.",
        })).ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("", Alert(await learner.GetPageAsync("/learn/tools/pain-log")));
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).RedFlagAlerts.AnyAsync());
    }

    [Fact]
    public async Task The_footer_the_safety_notice_and_the_red_flag_lesson_show_the_same_get_help_now_block()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var lesson = await app.SectionAsync(1, 9);
        var pages = new[]
        {
            (await learner.GetPageAsync("/")).QuerySelector("footer .get-help-now")?.TextContent,
            (await learner.GetPageAsync("/when-to-see-a-doctor")).QuerySelector("main")?.TextContent,
            (await learner.GetPageAsync($"/learn/{lesson.Slug}")).QuerySelector("main")?.TextContent,
        };
        foreach (var text in pages)
        {
            Assert.NotNull(text);
            foreach (var flag in GetHelpNow.Flags)
            {
                Assert.Contains(flag.Signs, text, StringComparison.Ordinal);
                Assert.Contains(flag.Action, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_red_flag_alert_cannot_be_closed_by_an_instructor_of_another_course_or_a_learner()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        (await learner.SubmitFormAsync("/learn/tools/pain-log", "/learn/tools/pain-log", new Dictionary<string, string>
        {
            ["Day"] = "2026-11-02", ["Pain"] = "7", ["Stiffness"] = "5", ["Note"] = "Numb fingers again today.",
        })).ShouldBe(HttpStatusCode.Redirect);
        Guid id;
        using (var scope = app.Services.CreateScope())
        {
            id = (await app.Db(scope).RedFlagAlerts.SingleAsync()).Id;
        }
        await app.CreateUserAsync("other-teacher@example.test", Roles.Instructor, "Otto Other");
        var other = app.CreateBrowser();
        await other.SignInAsync("other-teacher@example.test");

        static FormUrlEncodedContent Token(string token) => new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        (await other.PostAsync($"/instructor/alerts/{id}/handled", Token(await other.AntiforgeryTokenAsync("/instructor")))).ShouldBe(HttpStatusCode.NotFound);
        Assert.Empty((await other.GetPageAsync("/instructor")).QuerySelectorAll(".urgent-alerts tbody tr"));
        var refused = await learner.PostAsync($"/instructor/alerts/{id}/handled", Token(await learner.AntiforgeryTokenAsync("/learn/tools/pain-log")));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual("/instructor", refused.Headers.Location?.OriginalString); // not the success redirect

        using var check = app.Services.CreateScope();
        Assert.Null((await app.Db(check).RedFlagAlerts.SingleAsync()).HandledAt);
    }
}
