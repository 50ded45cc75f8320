using BackCourse.BrowserTests.Infrastructure;
using BackCourse.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace BackCourse.BrowserTests.Journeys;

/// <summary>One app for journeys 4 and 5; each arranges its own learner, a week into the course.</summary>
public sealed class CourseChangeApp : IAsyncLifetime
{
    public BrowserApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await BrowserApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[Collection(BrowserCollection.Name)]
public sealed class CourseChangeJourneyTests(Chromium chromium, CourseChangeApp fixture) : IClassFixture<CourseChangeApp>
{
    private BrowserApp App => fixture.App;

    /// <summary>A learner whose week 2 opened an hour ago (the clock starts on a Monday at 09:00 UTC).</summary>
    private async Task<IPage> LearnerInWeekTwoAsync(string email)
    {
        var user = await App.CreateUserAsync(email, name: "Wes Weektwo");
        await App.EnrolAsync(user, App.Clock.GetUtcNow() - TimeSpan.FromDays(7) - TimeSpan.FromHours(1));
        var page = await chromium.NewPageAsync(App);
        await page.SignInAsync(email);
        return page;
    }

    [Fact]
    public async Task An_admin_edits_a_lesson_and_moves_a_section_up_and_the_learner_sees_both_changes()
    {
        const string Lesson = "Risk factors and causes: what is the difference?";
        const string Tip = "Tip: lifting and carrying young children";
        const string Before = "Causes: lifting, repetition and working without breaks";
        const string Added = "Added by the author: a one-minute warm-up counts.";

        var admin = await chromium.NewPageAsync(App);
        await admin.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await admin.ClickLinkAsync("Admin");
        await admin.ClickLinkAsync("Course authoring");
        await admin.ShouldShowHeadingAsync("Course authoring");

        // Edit the lesson's text in the section editor
        await admin.ClickLinkAsync(Lesson);
        await admin.ShouldShowHeadingAsync(Lesson);
        var text = admin.GetByLabel("Text (Markdown)");
        await text.FillAsync(await text.InputValueAsync() + "\n\n" + Added + "\n");
        await admin.ClickButtonAsync("Save");
        await Expect(admin.GetByText("Saved. Learners see the new version now.")).ToBeVisibleAsync();

        // Move the tip up, above the section before it
        await admin.ClickLinkAsync("Back to the course");
        var week2 = admin.GetByRole(AriaRole.Region, new() { Name = "Week 2: Risk factors and causes" });
        await Expect(week2).ToBeVisibleAsync();
        Assert.True(await IndexOfAsync(week2, Before) < await IndexOfAsync(week2, Tip));
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Move “{Tip}” up" }).ClickAsync();
        await Expect(admin.GetByText($"\"{Tip}\" is now number")).ToBeVisibleAsync();
        Assert.True(await IndexOfAsync(week2, Tip) < await IndexOfAsync(week2, Before));
        await admin.Context.CloseAsync();

        var page = await LearnerInWeekTwoAsync("wes@example.test");
        await page.ClickLinkAsync("My course");
        await page.ClickLinkAsync("Week 2: Risk factors and causes");
        await page.ShouldShowHeadingAsync("Week 2: Risk factors and causes");
        var sections = page.GetByRole(AriaRole.Main);
        Assert.True(await IndexOfAsync(sections, Tip) < await IndexOfAsync(sections, Before), "the tip now comes first");
        await page.ClickLinkAsync(Lesson);
        await Expect(page.GetByText(Added)).ToBeVisibleAsync();

        await page.ScreenshotAsync("journey-4-learner-sees-edited-lesson");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_learner_in_week_two_who_tries_a_week_four_address_sees_when_it_opens()
    {
        var page = await LearnerInWeekTwoAsync("early@example.test");
        var weekFourLesson = await App.FirstSectionAsync(4, SectionKind.Lesson);

        var response = await page.GotoAsync($"/learn/{weekFourLesson.Slug}");
        Assert.Equal(403, response!.Status);
        await page.ShouldShowHeadingAsync("Week 4 isn't open yet");
        // Started on Monday 26 October at 08:00 UTC, so week 4 opens three weeks later.
        await Expect(page.GetByText("It opens on Mon 16 Nov, 08:00 (in 14 days).")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to my course" })).ToBeVisibleAsync();

        await page.ScreenshotAsync("journey-5-week-four-not-open-yet");
        await page.Context.CloseAsync();
    }

    /// <summary>Where a link with this text comes among the links inside <paramref name="scope"/>, as read top to bottom.</summary>
    private static async Task<int> IndexOfAsync(ILocator scope, string linkText)
    {
        var links = await scope.GetByRole(AriaRole.Link).AllInnerTextsAsync();
        var index = links.ToList().FindIndex(l => l.Trim() == linkText);
        Assert.True(index >= 0, $"No link “{linkText}” among: {string.Join(" | ", links)}");
        return index;
    }
}
