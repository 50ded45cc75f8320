using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class QuizEditorTests
{
    /// <summary>The quiz editor's form as the page shows it, as a dictionary a test can change and post.</summary>
    private static async Task<(Dictionary<string, string> Fields, string Url)> OpenAsync(HttpClient admin, Guid sectionId)
    {
        var url = $"/admin/course/sections/{sectionId}/quiz";
        var page = await admin.GetPageAsync(url);
        var fields = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.quiz-editor")!.FieldsOf();
        return (fields, url);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient admin, string url, Dictionary<string, string> fields) =>
        admin.PostAsync(url, new FormUrlEncodedContent(fields));

    [Fact]
    public async Task The_editor_refuses_a_question_with_no_correct_answer_and_says_which()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var quiz = await app.SectionAsync(1, 14);
        var (fields, url) = await OpenAsync(admin, quiz.Id);
        foreach (var key in fields.Keys.Where(k => k.StartsWith("Questions[1].Options[", StringComparison.Ordinal) && k.EndsWith(".Correct", StringComparison.Ordinal)).ToList())
        {
            fields.Remove(key);
        }
        fields["Command"] = "save";

        var response = await PostAsync(admin, url, fields);

        response.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ReadHtmlAsync();
        Assert.Equal("Question 2 has no correct answer: tick the right option.", page.QuerySelector("#q1-error")!.TextContent);
        Assert.Equal(quiz.ExtrasJson, (await app.SectionBySlugAsync(quiz.Slug)).ExtrasJson);
    }

    [Fact]
    public async Task The_editor_refuses_a_single_choice_question_with_two_correct_answers()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var quiz = await app.SectionAsync(1, 14);
        var (fields, url) = await OpenAsync(admin, quiz.Id);
        var single = QuizDefinition.Parse(quiz.ExtrasJson).Questions.ToList().FindIndex(q => q.Type == QuestionType.SingleChoice);
        fields[$"Questions[{single}].Options[0].Correct"] = "true";
        fields[$"Questions[{single}].Options[1].Correct"] = "true";
        fields["Command"] = "save";

        var response = await PostAsync(admin, url, fields);

        response.ShouldBe(HttpStatusCode.BadRequest);
        var message = (await response.ReadHtmlAsync()).QuerySelector($"#q{single}-error")!.TextContent;
        Assert.Equal($"Question {single + 1} is single-choice but 2 options are ticked as correct: tick one, or make it a multiple-choice question.", message);
        Assert.Equal(quiz.ExtrasJson, (await app.SectionBySlugAsync(quiz.Slug)).ExtrasJson);
    }

    [Fact]
    public async Task The_editor_refuses_empty_text_a_lone_option_and_a_bad_pass_mark()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var quiz = await app.SectionAsync(2, 14);
        var (fields, url) = await OpenAsync(admin, quiz.Id);
        fields["Questions[0].Text"] = "";
        fields["PassMarkPercent"] = "150";
        foreach (var key in fields.Keys.Where(k => k.StartsWith("Questions[2].Options[", StringComparison.Ordinal) && !k.StartsWith("Questions[2].Options[0]", StringComparison.Ordinal)).ToList())
        {
            fields.Remove(key);
        }
        fields["Questions[2].Options[0].Correct"] = "true";
        fields["Command"] = "save";

        var response = await PostAsync(admin, url, fields);

        response.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ReadHtmlAsync();
        Assert.Equal("Write the question.", page.QuerySelector("#q0-text-error")!.TextContent);
        Assert.Equal("Give a pass mark between 1 and 100.", page.QuerySelector("#PassMarkPercent-error")!.TextContent);
        Assert.Equal("Give at least two options.", page.QuerySelector("#q2-options-error")!.TextContent);
    }

    [Fact]
    public async Task A_new_question_is_saved_and_reordering_options_keeps_what_past_attempts_chose()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var quiz = await app.SectionAsync(1, 14);
        var before = QuizDefinition.Parse(quiz.ExtrasJson);
        var (fields, url) = await OpenAsync(admin, quiz.Id);

        // "Add a question" re-shows the form with a new, empty question; nothing is saved yet.
        fields["Command"] = "add-question";
        var added = await PostAsync(admin, url, fields);
        added.ShouldBe(HttpStatusCode.OK);
        var addedPage = await added.ReadHtmlAsync();
        var n = before.Questions.Count;
        Assert.NotNull(addedPage.QuerySelector($"#q{n}-text"));
        Assert.Equal(quiz.ExtrasJson, (await app.SectionBySlugAsync(quiz.Slug)).ExtrasJson);

        fields.Remove("Command");
        fields[$"Questions[{n}].Key"] = addedPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name='Questions[{n}].Key']")!.Value;
        fields[$"Questions[{n}].Type"] = "single";
        fields[$"Questions[{n}].Text"] = "Which helps a spasm first?";
        fields[$"Questions[{n}].Options[0].Id"] = addedPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name='Questions[{n}].Options[0].Id']")!.Value;
        fields[$"Questions[{n}].Options[0].Text"] = "Gentle movement";
        fields[$"Questions[{n}].Options[0].Correct"] = "true";
        fields[$"Questions[{n}].Options[1].Id"] = addedPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name='Questions[{n}].Options[1].Id']")!.Value;
        fields[$"Questions[{n}].Options[1].Text"] = "Total bed rest";
        // Swap the first question's first two options, as an author reordering them would.
        (fields["Questions[0].Options[0].Id"], fields["Questions[0].Options[1].Id"]) = (fields["Questions[0].Options[1].Id"], fields["Questions[0].Options[0].Id"]);
        (fields["Questions[0].Options[0].Text"], fields["Questions[0].Options[1].Text"]) = (fields["Questions[0].Options[1].Text"], fields["Questions[0].Options[0].Text"]);
        (fields["Questions[0].Options[0].Explanation"], fields["Questions[0].Options[1].Explanation"]) = (fields["Questions[0].Options[1].Explanation"], fields["Questions[0].Options[0].Explanation"]);
        var correct0 = fields.ContainsKey("Questions[0].Options[0].Correct");
        var correct1 = fields.ContainsKey("Questions[0].Options[1].Correct");
        fields.Remove("Questions[0].Options[0].Correct");
        fields.Remove("Questions[0].Options[1].Correct");
        if (correct1) { fields["Questions[0].Options[0].Correct"] = "true"; }
        if (correct0) { fields["Questions[0].Options[1].Correct"] = "true"; }
        fields["Command"] = "save";

        var saved = await PostAsync(admin, url, fields);

        saved.ShouldBe(HttpStatusCode.Redirect);
        var after = QuizDefinition.Parse((await app.SectionBySlugAsync(quiz.Slug)).ExtrasJson);
        Assert.Equal(n + 1, after.Questions.Count);
        Assert.Equal("Which helps a spasm first?", after.Questions[n].Text);
        // The same option (by id) has the same text and correctness as before, in its new place.
        foreach (var option in before.Questions[0].Options)
        {
            var moved = after.Questions[0].Options.Single(o => o.Id == option.Id);
            Assert.Equal((option.Text, option.Correct), (moved.Text, moved.Correct));
        }
        Assert.Equal(before.Questions[0].Options[0].Id, after.Questions[0].Options[1].Id);
    }
}
