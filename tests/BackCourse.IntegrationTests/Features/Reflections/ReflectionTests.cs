using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Features.Instructor;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Reflections;

public sealed class ReflectionTests
{
    private static async Task<Section> ReflectionSectionAsync(TestApp app) => await app.SectionOfKindAsync(1, SectionKind.Reflection);

    private static async Task<HttpClient> InstructorAsync(TestApp app, string email = "teacher@example.test", bool assigned = true)
    {
        var user = await app.CreateUserAsync(email, Roles.Instructor, "Tess Teacher");
        if (assigned)
        {
            using var scope = app.Services.CreateScope();
            var db = app.Db(scope);
            db.CourseInstructors.Add(new CourseInstructor { CourseId = (await db.Courses.SingleAsync(c => c.Slug == "upper-back-spasms")).Id, UserId = user.Id });
            await db.SaveChangesAsync();
        }
        var browser = app.CreateBrowser();
        await browser.SignInAsync(email);
        return browser;
    }

    private static async Task<Dictionary<string, string>> AnswersAsync(HttpClient learner, Section section, string text)
    {
        var page = await learner.GetPageAsync($"/learn/{section.Slug}");
        return page.QuerySelectorAll("#reflection textarea").ToDictionary(t => t.GetAttribute("name")!, _ => text);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient learner, Section section, string text, string action = "submit")
    {
        var answers = await AnswersAsync(learner, section, text);
        answers["action"] = action;
        return await learner.SubmitFormAsync($"/learn/{section.Slug}", $"/learn/{section.Slug}/reflection", answers);
    }

    private static async Task<Reflection> OnlyReflectionAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Reflections.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task Draft_then_submit_then_instructor_review_notifies_the_learner_with_a_link_to_the_feedback()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, user, _) = await app.SignedInLearnerAsync();
        var section = await ReflectionSectionAsync(app);
        var instructor = await InstructorAsync(app);

        (await SubmitAsync(learner, section, "First thoughts.", "draft")).ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal(ReflectionState.Draft, (await OnlyReflectionAsync(app)).State);
        var draftPage = await learner.GetPageAsync($"/learn/{section.Slug}");
        Assert.Equal("First thoughts.", draftPage.QuerySelector("#reflection textarea")?.TextContent);

        (await SubmitAsync(learner, section, "My back hurts most after long meetings.")).ShouldBe(HttpStatusCode.Redirect);
        var reflection = await OnlyReflectionAsync(app);
        Assert.Equal(ReflectionState.Submitted, reflection.State);
        Assert.False(reflection.Urgent);

        var queue = await instructor.GetPageAsync("/instructor");
        var link = queue.QuerySelectorAll("table.queue a").Single(a => a.TextContent == section.Title);
        Assert.Contains("1", (await instructor.GetPageAsync("/instructor")).QuerySelector("nav .count")?.TextContent, StringComparison.Ordinal);
        var review = await instructor.GetPageAsync(link.GetAttribute("href")!);
        Assert.Contains("My back hurts most after long meetings.", review.QuerySelector(".answers")?.TextContent, StringComparison.Ordinal);

        var respond = await instructor.SubmitFormAsync(link.GetAttribute("href")!, link.GetAttribute("href")!,
            new Dictionary<string, string> { ["Body"] = "Lovely detail. Try a standing break every 30 minutes.", ["Decision"] = "reviewed" });
        respond.ShouldBe(HttpStatusCode.Redirect);

        var mail = await app.Smtp.WaitForAsync(user.Email!);
        Assert.StartsWith("Your instructor reviewed your reflection", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/learn/{section.Slug}#thread", mail.Links);
        using (var scope = app.Services.CreateScope())
        {
            var record = await app.Db(scope).EmailMessages.SingleAsync(m => m.Kind == "reflection-reply");
            Assert.Equal((user.Email, EmailStatus.Sent), (record.ToAddress, record.Status));
            var events = await app.Db(scope).ReflectionEvents.Where(e => e.ReflectionId == reflection.Id).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([ReflectionState.Draft, ReflectionState.Submitted, ReflectionState.Reviewed], events.Select(e => e.ToState));
            Assert.All(events, e => Assert.NotNull(e.ActorId));
        }

        var learnerView = await learner.GetPageAsync($"/learn/{section.Slug}");
        Assert.Contains("Lovely detail.", learnerView.QuerySelector("#thread")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reviewed by your instructor", learnerView.QuerySelector(".reflection-state")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revision_request_lets_the_learner_edit_and_resubmit()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var section = await ReflectionSectionAsync(app);
        var instructor = await InstructorAsync(app);
        await SubmitAsync(learner, section, "Short.");
        var id = (await OnlyReflectionAsync(app)).Id;

        (await instructor.SubmitFormAsync($"/instructor/reflections/{id}", $"/instructor/reflections/{id}",
            new Dictionary<string, string> { ["Body"] = "Could you say more about when it starts?", ["Decision"] = "revision" })).ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal(ReflectionState.RevisionRequested, (await OnlyReflectionAsync(app)).State);

        (await SubmitAsync(learner, section, "It starts after an hour at my desk, on the right.")).ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal(ReflectionState.Resubmitted, (await OnlyReflectionAsync(app)).State);
    }

    [Fact]
    public async Task A_submitted_reflection_cannot_be_changed_by_the_learner()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var section = await ReflectionSectionAsync(app);
        await SubmitAsync(learner, section, "Original words.");
        var page = await learner.GetPageAsync($"/learn/{section.Slug}");
        Assert.Empty(page.QuerySelectorAll("#reflection textarea[name^='answers']"));

        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var sneaky = await learner.PostAsync($"/learn/{section.Slug}/reflection", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["answers[x]"] = "Changed", ["action"] = "submit",
        }));

        sneaky.ShouldBe(HttpStatusCode.Redirect);
        Assert.Contains("Original words.", (await OnlyReflectionAsync(app)).AnswersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_needs_every_prompt_answered_within_its_length_and_loses_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var section = await ReflectionSectionAsync(app);
        var answers = await AnswersAsync(learner, section, "");
        var keys = answers.Keys.ToList();
        answers[keys[0]] = "Only the first one.";
        answers[keys[1]] = new string('x', 5000);
        answers["action"] = "submit";

        var response = await learner.SubmitFormAsync($"/learn/{section.Slug}", $"/learn/{section.Slug}/reflection", answers);

        response.ShouldBe(HttpStatusCode.OK);
        var page = await response.ReadHtmlAsync();
        Assert.Contains(page.Errors(), e => e.StartsWith("Please keep this answer under", StringComparison.Ordinal));
        Assert.Equal("Only the first one.", page.QuerySelector($"textarea[name='{keys[0]}']")?.TextContent);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).Reflections.AnyAsync());
    }

    [Fact]
    public async Task Autosave_stores_a_draft_quietly()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var section = await ReflectionSectionAsync(app);
        var page = await learner.GetPageAsync($"/learn/{section.Slug}");
        var form = page.QuerySelector("form[data-autosave]")!;
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var name = form.QuerySelector("textarea")!.GetAttribute("name")!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/learn/{section.Slug}/reflection")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [name] = "typing…", ["action"] = "draft" }),
        };
        request.Headers.Add("X-Requested-With", "fetch");
        (await learner.SendAsync(request)).ShouldBe(HttpStatusCode.NoContent);

        Assert.Contains("typing…", (await OnlyReflectionAsync(app)).AnswersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reflection_mentioning_a_red_flag_is_urgent_tops_the_queue_and_comes_with_a_suggested_reply()
    {
        await using var app = await TestApp.StartAsync();
        var (calm, _, _) = await app.SignedInLearnerAsync("calm@example.test");
        var (worried, _, _) = await app.SignedInLearnerAsync("worried@example.test");
        var section = await ReflectionSectionAsync(app);
        var instructor = await InstructorAsync(app);
        await SubmitAsync(calm, section, "Mornings are stiff but it eases.");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await SubmitAsync(worried, section, "Since my fall last week I have numbness in my left leg.");

        var queue = await instructor.GetPageAsync("/instructor");
        var rows = queue.QuerySelectorAll("table.queue tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("urgent", rows[0].ClassList);
        Assert.Contains("Urgent", rows[0].TextContent, StringComparison.Ordinal);

        var review = await instructor.GetPageAsync(rows[0].QuerySelectorAll("a")[1].GetAttribute("href")!);
        Assert.Contains("numbness or tingling", review.QuerySelector(".urgent-panel")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("When to see a doctor now", review.QuerySelector("textarea#Body")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_reads_a_reflection_that_is_not_theirs_to_read()
    {
        await using var app = await TestApp.StartAsync();
        var (owner, _, _) = await app.SignedInLearnerAsync("owner@example.test");
        var (otherLearner, _, _) = await app.SignedInLearnerAsync("nosy@example.test");
        var section = await ReflectionSectionAsync(app);
        await SubmitAsync(owner, section, "Private words about my pain.");
        var id = (await OnlyReflectionAsync(app)).Id;

        // Another learner: the same section shows only their own (empty) reflection; staff URLs are refused.
        var theirPage = await otherLearner.GetPageAsync($"/learn/{section.Slug}");
        Assert.DoesNotContain("Private words", theirPage.Body!.TextContent, StringComparison.Ordinal);
        var direct = await otherLearner.GetAsync($"/instructor/reflections/{id}");
        Assert.Contains("/error/403", direct.Headers.Location?.ToString(), StringComparison.Ordinal);

        // An instructor of another course: not found, and not in their queue.
        var outsider = await InstructorAsync(app, "outsider@example.test", assigned: false);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var otherCourse = new Course { Id = Guid.CreateVersion7(), Slug = "other", Title = "Other", CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow() };
            db.Courses.Add(otherCourse);
            var outsiderId = (await db.Users.SingleAsync(u => u.Email == "outsider@example.test")).Id;
            db.CourseInstructors.Add(new CourseInstructor { CourseId = otherCourse.Id, UserId = outsiderId });
            await db.SaveChangesAsync();
        }
        (await outsider.GetAsync($"/instructor/reflections/{id}")).ShouldBe(HttpStatusCode.NotFound);
        Assert.Empty((await outsider.GetPageAsync("/instructor")).QuerySelectorAll("table.queue tbody tr"));
        var ownerId = await OwnerIdAsync(app, "owner@example.test");
        (await outsider.GetAsync($"/instructor/learners/{ownerId}")).ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostAsync($"/instructor/reflections/{id}", new FormUrlEncodedContent([]))).StatusCode.ShouldNotBeOk();

        // The assigned instructor and an admin can.
        var assigned = await InstructorAsync(app);
        (await assigned.GetAsync($"/instructor/reflections/{id}")).ShouldBe(HttpStatusCode.OK);
        (await assigned.GetAsync($"/instructor/learners/{ownerId}")).ShouldBe(HttpStatusCode.OK);
        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        (await admin.GetAsync($"/instructor/reflections/{id}")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Instructors_get_one_daily_digest_of_new_submissions()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var section = await ReflectionSectionAsync(app);
        await InstructorAsync(app);
        await SubmitAsync(learner, section, "Something to read.");

        using var scope = app.Services.CreateScope();
        var notifications = scope.ServiceProvider.GetRequiredService<ReflectionNotifications>();
        Assert.Equal(1, await notifications.SendDailyDigestsAsync(CancellationToken.None));
        Assert.Equal(0, await notifications.SendDailyDigestsAsync(CancellationToken.None)); // once a day

        var digest = await app.Smtp.WaitForAsync("teacher@example.test");
        Assert.Equal("1 new reflection to review", digest.Subject);
        Assert.Contains("https://localhost/instructor", digest.Links);
    }

    private static async Task<Guid> OwnerIdAsync(TestApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        return (await app.Db(scope).Users.SingleAsync(u => u.Email == email)).Id;
    }
}

internal static class StatusAssertions
{
    public static void ShouldNotBeOk(this HttpStatusCode status) => Assert.NotEqual(HttpStatusCode.OK, status);
}
