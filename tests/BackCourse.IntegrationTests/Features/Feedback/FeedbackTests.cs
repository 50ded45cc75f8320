using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Feedback;

public sealed class FeedbackTests
{
    [Fact]
    public async Task A_suggestion_reaches_the_admin_inbox_and_the_reply_is_emailed_and_recorded()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, user, _) = await app.SignedInLearnerAsync();
        var lesson = await app.SectionAsync(1, 3);

        (await learner.SubmitFormAsync($"/learn/{lesson.Slug}", $"/learn/{lesson.Slug}/suggestion",
            new Dictionary<string, string> { ["Body"] = "A diagram of the shoulder blades would help." })).ShouldBe(HttpStatusCode.Redirect);

        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var inbox = await admin.GetPageAsync("/admin/feedback?status=New&week=1");
        var item = Assert.Single(inbox.QuerySelectorAll(".inbox-item"));
        Assert.Contains("A diagram of the shoulder blades would help.", item.TextContent, StringComparison.Ordinal);
        Assert.Contains(lesson.Title, item.TextContent, StringComparison.Ordinal);
        var replyAction = item.QuerySelectorAll("form").Select(f => f.GetAttribute("action")!).Single(a => a.EndsWith("/reply", StringComparison.Ordinal));

        (await admin.SubmitFormAsync("/admin/feedback", replyAction,
            new Dictionary<string, string> { ["Body"] = "Great idea: a diagram is coming next month." })).ShouldBe(HttpStatusCode.Redirect);

        var mail = await app.Smtp.WaitForAsync(user.Email!);
        Assert.Contains("Great idea: a diagram is coming next month.", mail.TextBody, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var saved = await app.Db(scope).FeedbackItems.SingleAsync();
        Assert.Equal((FeedbackStatus.Answered, "Great idea: a diagram is coming next month."), (saved.Status, saved.Reply));
        Assert.True(await app.Db(scope).EmailMessages.AnyAsync(m => m.Kind == "feedback-reply" && m.UserId == user.Id));
    }

    [Fact]
    public async Task Was_this_helpful_keeps_one_vote_per_learner_and_shows_per_section_counts()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var lesson = await app.SectionAsync(1, 3);

        foreach (var vote in new[] { "false", "true" })
        {
            (await learner.SubmitFormAsync($"/learn/{lesson.Slug}", $"/learn/{lesson.Slug}/vote",
                new Dictionary<string, string> { ["helpful"] = vote })).ShouldBe(HttpStatusCode.Redirect);
        }

        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await app.Db(scope).SectionVotes.SingleAsync()).Helpful);
        }
        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var row = (await admin.GetPageAsync("/admin/feedback")).QuerySelectorAll("#helpful-heading + .table-wrap tbody tr").Single();
        Assert.Equal([lesson.Title, "1", "0"], row.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent));
    }

    [Fact]
    public async Task Weekly_feedback_needs_its_choices_answered_is_stored_once_and_completes_the_section()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, enrolment) = await app.SignedInLearnerAsync();
        var feedback = await app.SectionOfKindAsync(1, SectionKind.Feedback);
        var page = await learner.GetPageAsync($"/learn/{feedback.Slug}");
        var radios = page.QuerySelectorAll("#week-feedback input[type=radio]").GroupBy(r => r.GetAttribute("name")!).ToList();
        var texts = page.QuerySelectorAll("#week-feedback textarea").Select(t => t.GetAttribute("name")!).ToList();

        var missing = await learner.SubmitFormAsync($"/learn/{feedback.Slug}", $"/learn/{feedback.Slug}/feedback",
            texts.ToDictionary(t => t, _ => "kept text"));
        missing.ShouldBe(HttpStatusCode.OK);
        var missingPage = await missing.ReadHtmlAsync();
        Assert.Contains("Please choose an answer.", missingPage.Errors());
        Assert.Equal("kept text", missingPage.QuerySelector($"textarea[name='{texts[0]}']")?.TextContent);

        var answers = radios.ToDictionary(g => g.Key, g => g.Last().GetAttribute("value")!);
        foreach (var t in texts)
        {
            answers[t] = "More pictures please.";
        }
        (await learner.SubmitFormAsync($"/learn/{feedback.Slug}", $"/learn/{feedback.Slug}/feedback", answers)).ShouldBe(HttpStatusCode.Redirect);
        Assert.Contains("your feedback for this week has reached the course team",
            (await learner.GetPageAsync($"/learn/{feedback.Slug}")).QuerySelector("#week-feedback")?.TextContent, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var item = await app.Db(scope).FeedbackItems.SingleAsync();
        Assert.Equal((FeedbackKind.WeekFeedback, 1), (item.Kind, item.WeekNumber));
        Assert.Contains("More pictures please.", item.Body, StringComparison.Ordinal);
        Assert.True(await app.Db(scope).SectionProgress.AnyAsync(p => p.EnrolmentId == enrolment.Id && p.SectionId == feedback.Id && p.CompletedAt != null));
    }

    [Fact]
    public async Task An_empty_suggestion_is_refused_with_a_message()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var lesson = await app.SectionAsync(1, 3);

        var response = await learner.SubmitFormAsync($"/learn/{lesson.Slug}", $"/learn/{lesson.Slug}/suggestion", new Dictionary<string, string> { ["Body"] = " " });

        var page = await learner.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Please write your suggestion first.", page.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).FeedbackItems.AnyAsync());
    }
}
