using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;

namespace BackCourse.IntegrationTests.Performance;

/// <summary>How many database commands a page costs; counted by the app itself (Diagnostics:QueryCountHeader).</summary>
public sealed class QueryCountTests
{
    private static int Queries(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("X-Db-Queries").Single(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_lesson_page_reads_the_database_at_most_twice_and_once_when_seen_before()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Diagnostics:QueryCountHeader"] = "true" });
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var lesson = await app.SectionOfKindAsync(1, SectionKind.Lesson);
        (await learner.GetAsync("/")).ShouldBe(HttpStatusCode.OK); // the course is read into memory once

        var first = await learner.GetAsync($"/learn/{lesson.Slug}");
        var again = await learner.GetAsync($"/learn/{lesson.Slug}");

        first.ShouldBe(HttpStatusCode.OK);
        again.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, Queries(first)); // the learner and their mark on the section, then "opened" recorded
        Assert.Equal(1, Queries(again));
    }

    [Fact]
    public async Task The_learner_dashboard_reads_the_database_once_whatever_the_learner_has_done()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Diagnostics:QueryCountHeader"] = "true" });
        var (learner, _, _) = await app.SignedInLearnerAsync();
        (await learner.GetAsync("/")).ShouldBe(HttpStatusCode.OK);

        var fresh = await learner.GetAsync("/learn");
        var quiz = await app.SectionBySlugAsync("week-1-quiz");
        (await learner.SubmitAttemptAsync(await learner.StartAttemptAsync(quiz), QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);
        var afterQuiz = await learner.GetAsync("/learn");

        fresh.ShouldBe(HttpStatusCode.OK);
        afterQuiz.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, Queries(fresh)); // the enrolment and everything the page shows, in one statement
        Assert.Equal(1, Queries(afterQuiz));
        Assert.Contains("Review the course", await afterQuiz.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiz_start_reads_the_learner_once_and_a_submission_is_one_statement_more_pass_or_fail()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Diagnostics:QueryCountHeader"] = "true" });
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var quiz = await app.SectionBySlugAsync("week-1-quiz");
        (await learner.GetAsync("/")).ShouldBe(HttpStatusCode.OK);

        var start = await learner.SubmitFormAsync($"/learn/{quiz.Slug}", $"/learn/{quiz.Slug}/quiz/attempts", new Dictionary<string, string>());
        var failed = await learner.SubmitAttemptAsync(start.Headers.Location!.OriginalString, QuizTaking.AnswerFields(quiz, wrongCount: 4));
        var again = await learner.SubmitFormAsync($"/learn/{quiz.Slug}", $"/learn/{quiz.Slug}/quiz/attempts", new Dictionary<string, string>());
        var passed = await learner.SubmitAttemptAsync(again.Headers.Location!.OriginalString, QuizTaking.AnswerFields(quiz));

        foreach (var response in new[] { start, failed, again, passed })
        {
            response.ShouldBe(HttpStatusCode.Redirect);
        }
        Assert.NotEqual(start.Headers.Location, again.Headers.Location);
        Assert.Equal(1, Queries(start)); // the learner: starting stores nothing
        Assert.Equal(2, Queries(failed)); // the learner, then one statement that stores the graded answers
        Assert.Equal(1, Queries(again));
        Assert.Equal(2, Queries(passed)); // the same statement marks the quiz complete
    }

    [Fact]
    public async Task An_edit_reaches_learners_at_once_although_the_course_is_held_in_memory()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Diagnostics:QueryCountHeader"] = "true" });
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var admin = await app.AdminBrowserAsync();
        var lesson = await app.SectionAsync(1, 3);
        await learner.GetPageAsync($"/learn/{lesson.Slug}");

        (await admin.EditFormAsync($"/admin/course/sections/{lesson.Id}", $"/admin/course/sections/{lesson.Id}",
            new Dictionary<string, string> { ["BodyMarkdown"] = "Changed while cached.", ["Command"] = "save" })).ShouldBe(HttpStatusCode.Redirect);

        var page = await learner.GetPageAsync($"/learn/{lesson.Slug}");
        Assert.Equal("Changed while cached.", page.QuerySelector("article .prose p")!.TextContent);
    }
}
