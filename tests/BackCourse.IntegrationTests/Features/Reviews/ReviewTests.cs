using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Reviews;

public sealed class ReviewTests
{
    [Fact]
    public async Task A_learner_reviews_after_week_1_and_the_review_shows_once_approved()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync(email: "rita@example.test");
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var user = await db.Users.SingleAsync(u => u.Email == "rita@example.test");
            user.DisplayName = "Rita Reviewer";
            await db.SaveChangesAsync();
        }

        var early = await learner.GetAsync("/learn/review");
        early.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("/learn", early.Headers.Location?.OriginalString);
        Assert.Null((await learner.GetPageAsync("/learn")).QuerySelector("#review-heading"));

        Section quiz;
        using (var scope = app.Services.CreateScope())
        {
            quiz = await app.Db(scope).Sections.AsNoTracking().SingleAsync(s => s.Slug == "week-1-quiz");
        }
        (await learner.SubmitAttemptAsync(await learner.StartAttemptAsync(quiz), QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);
        Assert.Contains("Review the course", (await learner.GetPageAsync("/learn")).QuerySelector("#review-heading")?.ParentElement?.TextContent,
            StringComparison.Ordinal);

        var invalid = await learner.SubmitFormAsync("/learn/review", "/learn/review", new Dictionary<string, string> { ["Body"] = "No stars" });
        invalid.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("Please choose a rating from 1 to 5 stars.", (await invalid.ReadHtmlAsync()).Errors());

        // Numbers are read as people write them: "0x4" is not 4 (the framework's converter once took hex), and the message says what is wanted.
        var hex = await learner.SubmitFormAsync("/learn/review", "/learn/review", new Dictionary<string, string> { ["Rating"] = "0x4", ["Body"] = "Hex" });
        hex.ShouldBe(HttpStatusCode.OK);
        var hexErrors = (await hex.ReadHtmlAsync()).Errors();
        Assert.Contains(hexErrors, e => e.StartsWith("Please enter a whole number, such as 3", StringComparison.Ordinal));
        Assert.DoesNotContain(hexErrors, e => e.Contains("is invalid", StringComparison.Ordinal));
        using (var scope = app.Services.CreateScope())
        {
            Assert.False(await app.Db(scope).CourseReviews.AnyAsync());
        }

        (await learner.SubmitFormAsync("/learn/review", "/learn/review",
            new Dictionary<string, string> { ["Rating"] = "4", ["Body"] = "Quick online learning, thanks!" })).ShouldBe(HttpStatusCode.Redirect);
        Assert.Null((await app.CreateBrowser().GetPageAsync("/")).QuerySelector(".rating-summary"));
        Assert.Contains("Thank you for your review (pending)", (await learner.GetPageAsync("/learn")).QuerySelector("#review-heading")?.ParentElement?.TextContent,
            StringComparison.Ordinal);

        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var reviews = await admin.GetPageAsync("/admin/reviews");
        var approve = reviews.QuerySelectorAll("form").Select(f => f.GetAttribute("action")!).Single(a => a.EndsWith("/approve", StringComparison.Ordinal));
        // Typed in capitals, as a person might: the route takes any case, so it must still approve (it once hid the review).
        (await admin.PostAsync(approve.Replace("/approve", "/APPROVE", StringComparison.Ordinal), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = await admin.AntiforgeryTokenAsync("/admin/reviews") })))
            .ShouldBe(HttpStatusCode.Redirect);

        var coursePage = await app.CreateBrowser().GetPageAsync("/");
        Assert.Equal("4.0 out of 5 from 1 review", coursePage.QuerySelector(".rating-summary")?.TextContent);
        Assert.Contains("Quick online learning, thanks!", coursePage.QuerySelector(".reviews")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rita", coursePage.QuerySelector(".reviews")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Reviewer", coursePage.QuerySelector(".reviews")?.TextContent, StringComparison.Ordinal);
    }
}
