using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.IntegrationTests.Security;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Quizzes;

public sealed class QuizTests
{
    private static async Task<Section> Week1QuizAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Sections.AsNoTracking().SingleAsync(s => s.Slug == "week-1-quiz");
    }

    [Fact]
    public async Task A_failed_attempt_shows_every_answer_with_its_explanation_and_a_retake_passes()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var definition = QuizDefinition.Parse(quiz.ExtrasJson);

        var first = await browser.StartAttemptAsync(quiz);
        var failed = await browser.SubmitAttemptAsync(first, QuizTaking.AnswerFields(quiz, wrongCount: 4));
        failed.ShouldBe(HttpStatusCode.Redirect);
        var results = await browser.GetPageAsync(failed.Headers.Location!.OriginalString);

        Assert.Contains("50%", results.QuerySelector(".score")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not passed this time", results.QuerySelector(".result-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(definition.Questions.Count, results.QuerySelectorAll(".question-result").Length);
        Assert.Equal(4, results.QuerySelectorAll(".question-result.wrong").Length);
        var firstQuestion = definition.Questions[0];
        foreach (var option in firstQuestion.Options)
        {
            Assert.Contains(option.Explanation, results.Body!.TextContent, StringComparison.Ordinal);
        }
        Assert.Equal(4, results.QuerySelectorAll(".question-result.wrong .picked").Length);

        var second = await browser.StartAttemptAsync(quiz);
        Assert.NotEqual(first, second);
        var passed = await browser.SubmitAttemptAsync(second, QuizTaking.AnswerFields(quiz));
        var passedPage = await browser.GetPageAsync(passed.Headers.Location!.OriginalString);
        Assert.Contains("100%", passedPage.QuerySelector(".score")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Best score so far: 100%", passedPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, passedPage.QuerySelectorAll("#history-heading + .table-wrap tbody tr").Length);

        using var scope = app.Services.CreateScope();
        Assert.True(await app.Db(scope).SectionProgress.AnyAsync(p => p.EnrolmentId == enrolment.Id && p.SectionId == quiz.Id && p.CompletedAt != null));
    }

    [Fact]
    public async Task A_reload_shows_the_same_option_order_and_a_new_attempt_is_shuffled_again()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);

        var url = await browser.StartAttemptAsync(quiz);
        var firstLoad = Order(await browser.GetPageAsync(url));
        var reload = Order(await browser.GetPageAsync(url));
        Assert.Equal(firstLoad, reload);

        // Starting again (a second tab, a double click) is a new attempt with its own order; neither is stored.
        var again = await browser.StartAttemptAsync(quiz);
        Assert.NotEqual(url, again);
        Assert.NotEqual(firstLoad, Order(await browser.GetPageAsync(again)));
        Assert.Contains("Attempt 1", (await browser.GetPageAsync(again)).QuerySelector(".lead")?.TextContent, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).QuizAttempts.AnyAsync());
    }

    private static string Order(AngleSharp.Html.Dom.IHtmlDocument page) =>
        string.Join(",", page.QuerySelectorAll("form.quiz input[type=radio], form.quiz input[type=checkbox]").Select(i => i.GetAttribute("value")));

    [Fact]
    public async Task The_same_answers_sent_several_times_at_once_are_graded_once()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var url = await browser.StartAttemptAsync(quiz);
        var token = await browser.TokenAsync(url);

        // Six at once, as from an impatient clicker: one stores the attempt, the others find it answered.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => browser.PostAsync(url,
            new FormUrlEncodedContent(QuizTaking.AnswerFields(quiz).Append(new("__RequestVerificationToken", token))))));

        Assert.All(responses, r => r.ShouldBe(HttpStatusCode.Redirect));
        Assert.Equal([url + "/results"], responses.Select(r => r.Headers.Location!.OriginalString).Distinct());
        using var scope = app.Services.CreateScope();
        var stored = await app.Db(scope).QuizAttempts.SingleAsync(a => a.EnrolmentId == enrolment.Id && a.SectionId == quiz.Id);
        Assert.Equal((1, true), (stored.Number, stored.Passed));
        Assert.Equal(1, await app.Db(scope).SectionProgress.CountAsync(p => p.EnrolmentId == enrolment.Id && p.SectionId == quiz.Id && p.CompletedAt != null));
    }

    [Fact]
    public async Task Passing_again_keeps_the_first_completion_time_and_does_not_rewrite_the_learners_progress()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        (await browser.SubmitAttemptAsync(await browser.StartAttemptAsync(quiz), QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);
        var (firstCompletion, firstVersion) = await app.CompletionAsync(enrolment.Id, quiz.Id);

        app.Clock.Advance(TimeSpan.FromDays(2));
        (await browser.SubmitAttemptAsync(await browser.StartAttemptAsync(quiz), QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);

        var (completion, version) = await app.CompletionAsync(enrolment.Id, quiz.Id);
        Assert.Equal(firstCompletion, completion);
        // The same row version (xmin): a second pass wrote nothing to the learner's progress.
        Assert.Equal(firstVersion, version);
        using var scope = app.Services.CreateScope();
        Assert.Equal(2, await app.Db(scope).QuizAttempts.CountAsync(a => a.EnrolmentId == enrolment.Id && a.Passed == true));
    }

    [Fact]
    public async Task An_attempt_is_stored_when_answered_with_the_moment_it_was_started_and_the_order_shown()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var startedAt = app.Clock.GetUtcNow();
        var url = await browser.StartAttemptAsync(quiz);
        var shown = Order(await browser.GetPageAsync(url));

        app.Clock.Advance(TimeSpan.FromMinutes(12));
        (await browser.SubmitAttemptAsync(url, QuizTaking.AnswerFields(quiz, wrongCount: 8))).ShouldBe(HttpStatusCode.Redirect);

        using var scope = app.Services.CreateScope();
        var stored = await app.Db(scope).QuizAttempts.SingleAsync(a => a.EnrolmentId == enrolment.Id);
        Assert.Equal(Guid.Parse(url.Split('/')[^1]), stored.Id);
        Assert.InRange(stored.StartedAt, startedAt.AddSeconds(-1), startedAt.AddSeconds(1));
        Assert.InRange(stored.SubmittedAt!.Value, startedAt.AddMinutes(12).AddSeconds(-1), startedAt.AddMinutes(12).AddSeconds(1));
        Assert.Equal((false, 0), (stored.Passed!.Value, stored.ScorePercent!.Value));
        Assert.False(await app.Db(scope).SectionProgress.AnyAsync(p => p.EnrolmentId == enrolment.Id && p.SectionId == quiz.Id && p.CompletedAt != null));
        // The order stored (which the results show) is the order the learner saw.
        var definition = QuizDefinition.Parse(quiz.ExtrasJson);
        var order = QuizAttempts.OrderOf(stored);
        Assert.Equal(shown, string.Join(",", definition.Questions.Where(q => q.Type != QuestionType.Rating)
            .SelectMany(q => order[q.Key].Select(i => q.Options[i].Id))));
    }

    [Fact]
    public async Task An_attempt_started_before_attempts_were_stored_on_answering_can_still_be_continued_and_answered()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var open = new QuizAttempt
        {
            Id = Guid.NewGuid(), EnrolmentId = enrolment.Id, SectionId = quiz.Id, Number = 1, StartedAt = app.Clock.GetUtcNow(),
            OptionOrderJson = System.Text.Json.JsonSerializer.Serialize(QuizGrader.ShuffleFor(QuizDefinition.Parse(quiz.ExtrasJson), Guid.NewGuid())),
        };
        using (var scope = app.Services.CreateScope())
        {
            app.Db(scope).QuizAttempts.Add(open);
            await app.Db(scope).SaveChangesAsync();
        }

        var panel = (await browser.GetPageAsync($"/learn/{quiz.Slug}")).QuerySelector(".quiz-panel")!;
        Assert.Contains("Continue attempt 1", panel.TextContent, StringComparison.Ordinal);
        var url = panel.QuerySelector("a.button")!.GetAttribute("href")!;
        Assert.EndsWith(open.Id.ToString(), url, StringComparison.Ordinal);
        (await browser.SubmitAttemptAsync(url, QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);

        using var after = app.Services.CreateScope();
        var stored = await app.Db(after).QuizAttempts.SingleAsync();
        Assert.Equal((open.Id, 1, true), (stored.Id, stored.Number, stored.Passed!.Value));
        static string Orders(QuizAttempt a) => string.Join(";", QuizAttempts.OrderOf(a).OrderBy(kv => kv.Key).Select(kv => kv.Key + ":" + string.Join(",", kv.Value)));
        Assert.Equal(Orders(open), Orders(stored)); // the order it was started with, not one worked out from its id
    }

    [Fact]
    public async Task Answers_sent_to_someone_elses_attempt_are_stored_as_the_senders_own_and_change_nothing_of_theirs()
    {
        await using var app = await TestApp.StartAsync();
        var (owner, _, ownerEnrolment) = await app.SignedInLearnerAsync();
        var (other, _, otherEnrolment) = await app.SignedInLearnerAsync("other@example.test");
        var quiz = await Week1QuizAsync(app);
        var url = await owner.StartAttemptAsync(quiz);
        (await owner.SubmitAttemptAsync(url, QuizTaking.AnswerFields(quiz, wrongCount: 8))).ShouldBe(HttpStatusCode.Redirect);
        var token = (await other.GetPageAsync($"/learn/{quiz.Slug}")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var invalid = await other.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var valid = await other.PostAsync(url, new FormUrlEncodedContent(QuizTaking.AnswerFields(quiz).Append(new("__RequestVerificationToken", token))));

        invalid.ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(url, (await invalid.ReadHtmlAsync()).QuerySelector("form.quiz")!.GetAttribute("action"), StringComparison.Ordinal);
        valid.ShouldBe(HttpStatusCode.Redirect);
        var theirs = valid.Headers.Location!.OriginalString;
        Assert.NotEqual(url + "/results", theirs);
        (await other.GetAsync(theirs)).ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync(url + "/results")).ShouldBe(HttpStatusCode.NotFound);
        using var scope = app.Services.CreateScope();
        var owners = await app.Db(scope).QuizAttempts.SingleAsync(a => a.EnrolmentId == ownerEnrolment.Id);
        Assert.Equal((Guid.Parse(url.Split('/')[^1]), false, 0), (owners.Id, owners.Passed!.Value, owners.ScorePercent!.Value));
        Assert.True((await app.Db(scope).QuizAttempts.SingleAsync(a => a.EnrolmentId == otherEnrolment.Id)).Passed);
    }

    [Fact]
    public async Task Unanswered_questions_get_a_clear_message_keep_the_given_answers_and_store_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var url = await browser.StartAttemptAsync(quiz);
        var fields = QuizTaking.AnswerFields(quiz);
        var firstKey = fields[0].Key;
        var partial = fields.Where(f => f.Key == firstKey).ToList();

        var response = await browser.SubmitAttemptAsync(url, partial);

        response.ShouldBe(HttpStatusCode.OK);
        var page = await response.ReadHtmlAsync();
        Assert.Contains("Please answer this question.", page.Errors());
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[value='{partial[0].Value}']")!.IsChecked);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).QuizAttempts.AnyAsync(a => a.SubmittedAt != null));
    }

    [Fact]
    public async Task Option_ids_from_another_question_or_quiz_are_refused_and_nothing_is_stored()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var url = await browser.StartAttemptAsync(quiz);
        var fields = QuizTaking.AnswerFields(quiz);
        var keys = fields.Select(f => f.Key).Distinct().ToList();
        // Answer the first question with an option id of the second, and the second with one of week 2's quiz.
        var tampered = fields.Where(f => f.Key != keys[0] && f.Key != keys[1]).ToList();
        tampered.Add(new(keys[0], fields.First(f => f.Key == keys[1]).Value));
        tampered.Add(new(keys[1], "w2-smoking.0"));

        var response = await browser.SubmitAttemptAsync(url, tampered);

        response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (await response.ReadHtmlAsync()).Errors().Count(e => e.Contains("isn't one of this question's options", StringComparison.Ordinal)));
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).QuizAttempts.AnyAsync(a => a.SubmittedAt != null));
    }

    [Fact]
    public async Task The_attempt_page_names_options_by_opaque_ids_and_an_answer_by_place_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var definition = QuizDefinition.Parse(quiz.ExtrasJson);
        var url = await browser.StartAttemptAsync(quiz);

        var page = await browser.GetPageAsync(url);
        var values = page.QuerySelectorAll("form.quiz input[type=radio], form.quiz input[type=checkbox]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(definition.Questions.Sum(q => q.Options.Count), values.Count);
        Assert.All(values, v => Assert.Matches("^[a-z2-9]{10}$", v));

        // "key.0", what the page used to send for the first option as written, answers nothing now.
        var byPlace = definition.Questions.Select(q => new KeyValuePair<string, string>($"q[{q.Key}]",
            q.Type == QuestionType.Rating ? "5" : $"{q.Key}.0")).ToList();
        var response = await browser.SubmitAttemptAsync(url, byPlace);

        response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(definition.Questions.Count(q => q.IsGraded),
            (await response.ReadHtmlAsync()).Errors().Count(e => e.Contains("isn't one of this question's options", StringComparison.Ordinal)));
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).QuizAttempts.AnyAsync(a => a.SubmittedAt != null));
    }

    [Fact]
    public async Task A_replayed_submission_changes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var quiz = await Week1QuizAsync(app);
        var url = await browser.StartAttemptAsync(quiz);
        var page = await browser.GetPageAsync(url);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("form.quiz input[name=__RequestVerificationToken]")!.Value;
        FormUrlEncodedContent Body(IEnumerable<KeyValuePair<string, string>> f) => new(f.Append(new("__RequestVerificationToken", token)));

        (await browser.PostAsync(url, Body(QuizTaking.AnswerFields(quiz, wrongCount: 8)))).ShouldBe(HttpStatusCode.Redirect);
        var replay = await browser.PostAsync(url, Body(QuizTaking.AnswerFields(quiz)));

        replay.ShouldBe(HttpStatusCode.Redirect);
        var results = await browser.GetPageAsync(replay.Headers.Location!.OriginalString);
        Assert.Contains("already submitted", results.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var attempt = await app.Db(scope).QuizAttempts.SingleAsync();
        Assert.Equal((0, false), (attempt.ScorePercent, attempt.Passed));
    }

    [Fact]
    public async Task The_quiz_of_a_locked_week_cannot_be_started_or_submitted()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var week1 = await app.SectionAsync(1, 3);
        var page = await browser.GetPageAsync($"/learn/{week1.Slug}");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = await browser.PostAsync("/learn/week-2-quiz/quiz/attempts",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.ShouldBe(HttpStatusCode.Forbidden);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).QuizAttempts.AnyAsync());
    }

    [Fact]
    public async Task Another_learners_attempt_is_not_found()
    {
        await using var app = await TestApp.StartAsync();
        var (owner, _, _) = await app.SignedInLearnerAsync("owner@example.test");
        var (other, _, _) = await app.SignedInLearnerAsync("other@example.test");
        var quiz = await Week1QuizAsync(app);
        var url = await owner.StartAttemptAsync(quiz);
        (await owner.SubmitAttemptAsync(url, QuizTaking.AnswerFields(quiz))).ShouldBe(HttpStatusCode.Redirect);

        (await other.GetAsync(url)).ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync(url + "/results")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_dashboard_compares_the_self_assessment_at_the_start_and_the_end()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync(startedAt: app.Clock.GetUtcNow().AddDays(-36));
        using var scope = app.Services.CreateScope();
        var start = await app.Db(scope).Sections.AsNoTracking().SingleAsync(s => s.Slug == "self-assessment-start");
        var end = await app.Db(scope).Sections.AsNoTracking().SingleAsync(s => s.Slug == "self-assessment-end");

        (await browser.SubmitAttemptAsync(await browser.StartAttemptAsync(start), QuizTaking.AnswerFields(start, rating: "8"))).ShouldBe(HttpStatusCode.Redirect);
        (await browser.SubmitAttemptAsync(await browser.StartAttemptAsync(end), QuizTaking.AnswerFields(end, rating: "3"))).ShouldBe(HttpStatusCode.Redirect);

        var dashboard = await browser.GetPageAsync("/learn");
        var rows = dashboard.QuerySelectorAll("#self-heading + .table-wrap tbody tr");
        Assert.Equal(7, rows.Length);
        Assert.All(rows, r => Assert.Equal(["8", "3", "-5"], r.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent)));
    }
}
