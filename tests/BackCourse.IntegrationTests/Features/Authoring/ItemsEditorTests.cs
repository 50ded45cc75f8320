using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class ItemsEditorTests
{
    [Fact]
    public async Task A_reflection_prompt_added_in_the_editor_is_asked_of_learners()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var admin = await app.AdminBrowserAsync();
        var reflection = await app.SectionOfKindAsync(1, SectionKind.Reflection);
        var url = $"/admin/course/sections/{reflection.Id}/items";
        var prompts = BackCourse.Web.Features.Learning.SectionExtras.Prompts(reflection.ExtrasJson).Count;

        var editor = (await admin.GetPageAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.items-editor")!.FieldsOf();
        editor["Command"] = "add";
        var added = await admin.PostAsync(url, new FormUrlEncodedContent(editor));
        added.ShouldBe(HttpStatusCode.OK);
        var fields = (await added.ReadHtmlAsync()).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form.items-editor")!.FieldsOf();
        fields[$"Items[{prompts}].Text"] = "What is one small thing you did for your back today?";
        fields["Command"] = "save";

        (await admin.PostAsync(url, new FormUrlEncodedContent(fields))).ShouldBe(HttpStatusCode.Redirect);

        var page = await learner.GetPageAsync($"/learn/{reflection.Slug}");
        Assert.Contains("What is one small thing you did for your back today?", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_prompt_or_a_bad_length_is_refused_next_to_the_field()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var reflection = await app.SectionOfKindAsync(2, SectionKind.Reflection);
        var url = $"/admin/course/sections/{reflection.Id}/items";

        var response = await admin.SubmitFormAsync(url, url, new Dictionary<string, string>
        {
            ["Items[0].Text"] = "", ["Items[1].MaxLength"] = "5", ["Command"] = "save",
        });

        response.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ReadHtmlAsync();
        Assert.Equal("Write the text, or remove this item.", page.QuerySelector("#item0-text-error")!.TextContent);
        Assert.Equal("Give the longest answer allowed, between 100 and 10,000 characters.", page.QuerySelector("#item1-max-error")!.TextContent);
        Assert.Equal(reflection.ExtrasJson, (await app.SectionBySlugAsync(reflection.Slug)).ExtrasJson);
    }
}
