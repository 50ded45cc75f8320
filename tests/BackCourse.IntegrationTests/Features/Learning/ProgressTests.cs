using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;

namespace BackCourse.IntegrationTests.Features.Learning;

public sealed class ProgressTests
{
    private static async Task CompleteAsync(HttpClient browser, Section section)
    {
        var response = await browser.SubmitFormAsync($"/learn/{section.Slug}", $"/learn/{section.Slug}/complete", new Dictionary<string, string>());
        response.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Progress_numbers_are_right_after_completing_sections()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var first = await app.SectionAsync(1, 1);
        var third = await app.SectionAsync(1, 3);
        var fourth = await app.SectionAsync(1, 4);

        await CompleteAsync(browser, first);
        await CompleteAsync(browser, third);
        await CompleteAsync(browser, fourth);
        var token = (await browser.GetPageAsync("/learn")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        (await browser.PostAsync($"/learn/{fourth.Slug}/complete", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).ShouldBe(HttpStatusCode.Redirect); // twice counts once

        var dashboard = await browser.GetPageAsync("/learn");
        var course = dashboard.QuerySelector<AngleSharp.Html.Dom.IHtmlProgressElement>("#course-progress")!;
        Assert.Equal((3d, 92d), (course.Value, course.Maximum));
        Assert.Contains("3 of 92 sections complete", dashboard.Body!.TextContent, StringComparison.Ordinal);
        var week1 = dashboard.QuerySelector<AngleSharp.Html.Dom.IHtmlProgressElement>("#week-1-progress")!;
        Assert.Equal((3d, 15d), (week1.Value, week1.Maximum));
        var continueLink = dashboard.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Continue where you left off", StringComparison.Ordinal));
        Assert.Equal($"/learn/{(await app.SectionAsync(1, 2)).Slug}", continueLink.GetAttribute("href"));
    }

    [Fact]
    public async Task Completing_a_section_again_keeps_the_first_completion_time_and_writes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, enrolment) = await app.SignedInLearnerAsync();
        var lesson = await app.SectionAsync(1, 3);
        await CompleteAsync(browser, lesson);
        var first = await app.CompletionAsync(enrolment.Id, lesson.Id);

        // The page now says it is complete and offers no button, so the second comes as a replayed post.
        var token = await browser.AntiforgeryTokenAsync($"/learn/{lesson.Slug}");
        app.Clock.Advance(TimeSpan.FromHours(5));
        (await browser.PostAsync($"/learn/{lesson.Slug}/complete", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).ShouldBe(HttpStatusCode.Redirect);

        Assert.NotNull(first.CompletedAt);
        Assert.Equal(first, await app.CompletionAsync(enrolment.Id, lesson.Id));
    }

    [Fact]
    public async Task Reaching_the_end_of_a_lesson_completes_it_without_leaving_the_page()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var lesson = await app.SectionAsync(1, 3);
        var page = await browser.GetPageAsync($"/learn/{lesson.Slug}");
        var form = page.QuerySelector($"form[action='/learn/{lesson.Slug}/complete']")!;
        Assert.Equal("true", form.GetAttribute("data-complete-on-end"));
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/learn/{lesson.Slug}/complete");
        request.Headers.Add("X-Requested-With", "fetch");
        request.Headers.Add("X-CSRF-TOKEN", token);
        (await browser.SendAsync(request)).ShouldBe(HttpStatusCode.NoContent);

        var again = await browser.GetPageAsync($"/learn/{lesson.Slug}");
        Assert.Contains("You have completed this section.", again.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_section_of_a_locked_week_cannot_be_marked_complete()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();
        var week1 = await app.SectionAsync(1, 3);
        var week3 = await app.SectionAsync(3, 1);
        var page = await browser.GetPageAsync($"/learn/{week1.Slug}");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = await browser.PostAsync($"/learn/{week3.Slug}/complete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.ShouldBe(HttpStatusCode.Forbidden);
        var dashboard = await browser.GetPageAsync("/learn");
        Assert.Contains("0 of 92 sections complete", dashboard.Body!.TextContent, StringComparison.Ordinal);
    }
}
