using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class SectionEditingTests
{
    [Fact]
    public async Task Admin_edits_a_lesson_and_the_learner_sees_the_new_text()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var admin = await app.AdminBrowserAsync();
        var lesson = await app.SectionAsync(1, 3);
        var url = $"/admin/course/sections/{lesson.Id}";

        var response = await admin.EditFormAsync(url, url, new Dictionary<string, string>
        {
            ["Title"] = "Your upper back, a short tour",
            ["BodyMarkdown"] = "## Twelve vertebrae\n\nThe **thoracic spine** has twelve vertebrae.\n",
            ["Command"] = "save",
        });

        response.ShouldBe(HttpStatusCode.Redirect);
        var page = await learner.GetPageAsync($"/learn/{lesson.Slug}");
        Assert.Equal("Your upper back, a short tour", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Twelve vertebrae", page.QuerySelector(".prose h2")!.TextContent);
        Assert.Equal("thoracic spine", page.QuerySelector(".prose strong")!.TextContent);
    }

    [Fact]
    public async Task Bad_section_input_shows_messages_next_to_the_fields_and_keeps_what_was_typed()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var lesson = await app.SectionAsync(1, 3);
        var other = await app.SectionAsync(1, 4);
        var url = $"/admin/course/sections/{lesson.Id}";

        var response = await admin.EditFormAsync(url, url, new Dictionary<string, string>
        {
            ["Title"] = "",
            ["Slug"] = other.Slug,
            ["Minutes"] = "9999",
            ["BodyMarkdown"] = "Text I do not want to lose",
            ["Command"] = "save",
        });

        response.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ReadHtmlAsync();
        Assert.Equal("The section needs a title.", page.QuerySelector("#Title-error")!.TextContent);
        Assert.Contains("Give the minutes it takes", page.QuerySelector("#Minutes-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Text I do not want to lose", page.QuerySelector("#BodyMarkdown")!.TextContent);
        Assert.Equal(lesson.Title, (await app.SectionBySlugAsync(lesson.Slug)).Title);

        var clash = await admin.EditFormAsync(url, url, new Dictionary<string, string> { ["Slug"] = other.Slug, ["Command"] = "save" });
        clash.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Contains("Another section already uses", (await clash.ReadHtmlAsync()).QuerySelector("#Slug-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_save_is_refused_and_keeps_the_typed_text()
    {
        await using var app = await TestApp.StartAsync();
        var first = await app.AdminBrowserAsync();
        var second = await app.AdminBrowserAsync();
        var lesson = await app.SectionAsync(2, 1);
        var url = $"/admin/course/sections/{lesson.Id}";
        var stale = await first.GetPageAsync(url);

        (await second.EditFormAsync(url, url, new Dictionary<string, string> { ["Title"] = "Saved by the second admin", ["Command"] = "save" }))
            .ShouldBe(HttpStatusCode.Redirect);
        var form = stale.Forms.Single(f => f.Id == "section-form");
        var values = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Name is not null && i.Type != "checkbox")
            .ToDictionary(i => i.Name!, i => i.Value);
        values["Title"] = "Saved by the first admin";
        values["BodyMarkdown"] = "The first admin's words";
        values["Command"] = "save";
        var response = await first.PostAsync(url, new FormUrlEncodedContent(values));

        response.ShouldBe(HttpStatusCode.Conflict);
        var page = await response.ReadHtmlAsync();
        Assert.Contains("Someone else saved this section", page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The first admin's words", page.QuerySelector("#BodyMarkdown")!.TextContent);
        Assert.Equal("Saved by the second admin", (await app.SectionBySlugAsync(lesson.Slug)).Title);
    }

    [Fact]
    public async Task A_new_section_is_a_draft_learners_cannot_see_until_it_is_published()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var admin = await app.AdminBrowserAsync();

        var created = await admin.SubmitFormAsync("/admin/course/sections/new?week=1", "/admin/course/sections/new", new Dictionary<string, string>
        {
            ["Week"] = "1", ["Kind"] = "Lesson", ["Title"] = "Breathing for a tight back",
        });
        created.ShouldBe(HttpStatusCode.Redirect);
        var section = await app.SectionBySlugAsync("breathing-for-a-tight-back");
        Assert.False(section.IsPublished);
        Assert.Equal(16, section.Position);
        (await learner.GetAsync("/learn/breathing-for-a-tight-back")).ShouldBe(HttpStatusCode.NotFound);

        var url = $"/admin/course/sections/{section.Id}";
        var refused = await admin.SubmitFormAsync(url, $"{url}/publish", new Dictionary<string, string>());
        refused.ShouldBe(HttpStatusCode.Redirect);
        Assert.False((await app.SectionBySlugAsync(section.Slug)).IsPublished);
        Assert.Contains("Write the text before publishing.", (await admin.GetPageAsync(url)).QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);

        await admin.EditFormAsync(url, url, new Dictionary<string, string> { ["BodyMarkdown"] = "Breathe out slowly.", ["Command"] = "save" });
        (await admin.SubmitFormAsync(url, $"{url}/publish", new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);

        var page = await learner.GetPageAsync("/learn/breathing-for-a-tight-back");
        Assert.Equal("Breathe out slowly.", page.QuerySelector(".prose p")!.TextContent);
        Assert.Contains("Breathing for a tight back", (await learner.GetPageAsync("/learn/weeks/1")).QuerySelector(".section-list")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_section_with_learner_work_is_archived_not_deleted_and_one_without_is_deleted()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, enrolment) = await app.SignedInLearnerAsync();
        var admin = await app.AdminBrowserAsync();
        var used = await app.SectionAsync(1, 3);
        var unused = await app.SectionAsync(1, 4);
        await learner.GetPageAsync($"/learn/{used.Slug}");

        var confirmPage = await admin.GetPageAsync($"/admin/course/sections/{used.Id}/delete");
        Assert.Contains("archived", confirmPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var unconfirmed = await admin.SubmitFormAsync($"/admin/course/sections/{used.Id}/delete", $"/admin/course/sections/{used.Id}/delete", new Dictionary<string, string>());
        unconfirmed.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Null((await app.SectionBySlugAsync(used.Slug)).ArchivedAt);

        (await admin.SubmitFormAsync($"/admin/course/sections/{used.Id}/delete", $"/admin/course/sections/{used.Id}/delete",
            new Dictionary<string, string> { ["confirm"] = "true" })).ShouldBe(HttpStatusCode.Redirect);
        (await admin.SubmitFormAsync($"/admin/course/sections/{unused.Id}/delete", $"/admin/course/sections/{unused.Id}/delete",
            new Dictionary<string, string> { ["confirm"] = "true" })).ShouldBe(HttpStatusCode.Redirect);

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var archived = await db.Sections.AsNoTracking().SingleAsync(s => s.Id == used.Id);
        Assert.NotNull(archived.ArchivedAt);
        Assert.False(archived.IsPublished);
        Assert.True(await db.SectionProgress.AnyAsync(p => p.EnrolmentId == enrolment.Id && p.SectionId == used.Id));
        Assert.False(await db.Sections.AnyAsync(s => s.Id == unused.Id));
        (await learner.GetAsync($"/learn/{used.Slug}")).ShouldBe(HttpStatusCode.NotFound);
        var week1 = (await app.OrderAsync()).Where(o => o.Week == 1).Select(o => o.Position).ToList();
        Assert.Equal(Enumerable.Range(1, 13), week1);

        (await admin.SubmitFormAsync("/admin/course", $"/admin/course/sections/{used.Id}/restore", new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);
        var restored = await app.SectionBySlugAsync(used.Slug);
        Assert.Null(restored.ArchivedAt);
        Assert.Equal(14, restored.Position);
        Assert.Equal(SectionState.Draft, restored.State);
    }

    [Fact]
    public async Task Markdown_preview_renders_as_learners_see_it_and_never_runs_html()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var token = await admin.AntiforgeryTokenAsync("/admin/course");

        var response = await admin.PostAsync("/admin/course/markdown-preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["markdown"] = "## Heat\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))",
        }));

        response.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">")]
    [InlineData("- ")]
    public async Task Markdown_nested_hundreds_deep_is_refused_with_a_message_in_preview_and_save_and_nothing_changes(string marker)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var lesson = await app.SectionAsync(1, 3);
        var deep = marker == ">"
            ? new string('>', 5000) + " too deep\n"
            : string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- level\n"));

        var preview = await admin.PostAsync("/admin/course/markdown-preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await admin.AntiforgeryTokenAsync("/admin/course"),
            ["markdown"] = deep,
        }));
        preview.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("at most 32 levels", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var url = $"/admin/course/sections/{lesson.Id}";
        var saved = await admin.EditFormAsync(url, url, new Dictionary<string, string> { ["BodyMarkdown"] = deep, ["Command"] = "save" });
        saved.ShouldBe(HttpStatusCode.BadRequest);
        var page = await saved.ReadHtmlAsync();
        Assert.Contains("at most 32 levels", page.QuerySelector("#BodyMarkdown-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(deep, page.QuerySelector("#BodyMarkdown")!.TextContent.ReplaceLineEndings("\n"));
        Assert.Equal(lesson.BodyMarkdown, (await app.SectionAsync(1, 3)).BodyMarkdown);
    }
}
