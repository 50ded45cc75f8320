using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;

namespace BackCourse.IntegrationTests.Features.Learning;

public sealed class WorksheetTests
{
    [Fact]
    public async Task A_worksheet_answer_survives_a_reload()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var worksheet = await app.SectionOfKindAsync(1, SectionKind.Worksheet);
        var page = await browser.GetPageAsync($"/learn/{worksheet.Slug}");
        var textarea = page.QuerySelector("#worksheet textarea")!;
        var name = textarea.GetAttribute("name")!;

        var saved = await browser.SubmitFormAsync($"/learn/{worksheet.Slug}", $"/learn/{worksheet.Slug}/worksheet",
            new Dictionary<string, string> { [name] = "Between my shoulder blades, worse after long calls." });
        saved.ShouldBe(HttpStatusCode.Redirect);

        var reloaded = await browser.GetPageAsync($"/learn/{worksheet.Slug}");
        Assert.Equal("Between my shoulder blades, worse after long calls.", reloaded.QuerySelector($"textarea[name='{name}']")?.TextContent);
        Assert.NotNull(reloaded.QuerySelector("[data-print]"));
    }

    [Fact]
    public async Task A_bad_worksheet_answer_shows_a_message_and_keeps_everything_typed()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var worksheet = await app.SectionOfKindAsync(1, SectionKind.Worksheet);
        var page = await browser.GetPageAsync($"/learn/{worksheet.Slug}");
        var textName = page.QuerySelector("#worksheet textarea")!.GetAttribute("name")!;
        var scaleName = page.QuerySelector("#worksheet input[type=number][max='10']")!.GetAttribute("name")!;

        var response = await browser.SubmitFormAsync($"/learn/{worksheet.Slug}", $"/learn/{worksheet.Slug}/worksheet",
            new Dictionary<string, string> { [textName] = "Kept text", [scaleName] = "12" });

        response.ShouldBe(HttpStatusCode.OK);
        var again = await response.ReadHtmlAsync();
        Assert.Contains(again.Errors(), e => e.Contains("from 0 to 10", StringComparison.Ordinal));
        Assert.Equal("Kept text", again.QuerySelector($"textarea[name='{textName}']")?.TextContent);
        Assert.Equal("12", again.QuerySelector($"input[name='{scaleName}']")?.GetAttribute("value"));

        var reloaded = await browser.GetPageAsync($"/learn/{worksheet.Slug}");
        Assert.Equal("", reloaded.QuerySelector($"textarea[name='{textName}']")?.TextContent);
    }

    [Fact]
    public async Task A_checklist_tool_remembers_what_was_ticked()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync(startedAt: new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var checklist = await app.SectionAsync(2, 11);
        Assert.Equal(SectionKind.Tool, checklist.Kind);

        (await browser.SubmitFormAsync($"/learn/{checklist.Slug}", $"/learn/{checklist.Slug}/worksheet",
            new Dictionary<string, string> { ["answers[item-2]"] = "true" })).ShouldBe(HttpStatusCode.Redirect);

        var page = await browser.GetPageAsync($"/learn/{checklist.Slug}");
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#answer-item-2")!.IsChecked);
        Assert.False(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#answer-item-1")!.IsChecked);
    }
}
