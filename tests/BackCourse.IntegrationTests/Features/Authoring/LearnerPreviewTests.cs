using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class LearnerPreviewTests
{
    [Fact]
    public async Task Preview_as_a_learner_in_week_4_opens_weeks_1_to_4_and_shows_when_5_opens_without_enrolling()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();

        var outline = await admin.GetPageAsync("/admin/course/preview/4");
        var weeks = outline.QuerySelectorAll("main section.panel").ToList();
        Assert.Equal(6, weeks.Count);
        Assert.All(weeks.Take(4), w => Assert.Contains("Open since", w.TextContent, StringComparison.Ordinal));
        Assert.Contains("Locked: opens", weeks[4].TextContent, StringComparison.Ordinal);

        var week4 = await app.SectionAsync(4, 1);
        var open = await admin.GetPageAsync($"/admin/course/preview/4/{week4.Slug}");
        Assert.Equal(week4.Title, open.QuerySelector("h1")!.TextContent);
        Assert.Contains("Preview", open.QuerySelector(".preview-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/admin/course/preview/4/{(await app.SectionAsync(4, 2)).Slug}", open.QuerySelector("a[rel=next]")!.GetAttribute("href"));

        var week5 = await app.SectionAsync(5, 1);
        var locked = await admin.GetAsync($"/admin/course/preview/4/{week5.Slug}");
        locked.ShouldBe(HttpStatusCode.Forbidden);
        Assert.Contains("in 7 days", (await locked.ReadHtmlAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await app.Db(scope).Enrolments.CountAsync());
        Assert.Equal(0, await app.Db(scope).SectionProgress.CountAsync());
    }

    [Fact]
    public async Task Preview_shows_a_draft_to_its_author_but_not_in_the_outline()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var section = await app.SectionAsync(2, 2);
        (await admin.SubmitFormAsync("/admin/course", $"/admin/course/sections/{section.Id}/publish", new Dictionary<string, string>()))
            .ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal(SectionState.Draft, (await app.SectionBySlugAsync(section.Slug)).State);

        var outline = await admin.GetPageAsync("/admin/course/preview/2");
        Assert.DoesNotContain(section.Title, string.Concat(outline.QuerySelectorAll("main section.panel").Select(p => p.TextContent)), StringComparison.Ordinal);
        var page = await admin.GetPageAsync($"/admin/course/preview/2/{section.Slug}");
        Assert.Contains("this section is a draft", page.QuerySelector(".preview-banner")!.TextContent, StringComparison.Ordinal);
    }
}
