using System.Text.Json;
using BackCourse.BrowserTests.Infrastructure;
using BackCourse.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace BackCourse.BrowserTests.Accessibility;

/// <summary>One app for the accessibility checks; each test arranges its own people.</summary>
public sealed class AccessibilityApp : IAsyncLifetime
{
    public BrowserApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await BrowserApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// axe-core on every kind of page: no serious or critical violations. Plus one journey with the keyboard
/// alone, and the main pages on a 360 px wide phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(Chromium chromium, AccessibilityApp fixture) : IClassFixture<AccessibilityApp>
{
    private const string GradedQuiz = "Week 1 quiz: understanding upper back spasms";

    private BrowserApp App => fixture.App;

    /// <summary>A learner an hour into week 1, signed in.</summary>
    private async Task<(IPage Page, AppUser User)> LearnerAsync(string email, int width = 1280)
    {
        var user = await App.CreateUserAsync(email, name: "Ada Access");
        await App.EnrolAsync(user, App.Clock.GetUtcNow() - TimeSpan.FromHours(1));
        var page = await chromium.NewPageAsync(App, width);
        await page.SignInAsync(email);
        return (page, user);
    }

    [Fact]
    public async Task The_pages_a_visitor_sees_have_no_serious_or_critical_accessibility_violations()
    {
        var page = await chromium.NewPageAsync(App);
        await page.GotoAsync("/");
        await page.ShouldHaveNoSeriousViolationsAsync("Course page");
        await page.ClickLinkAsync("Read the first lesson free: Welcome: how this course works");
        await page.ShouldHaveNoSeriousViolationsAsync("Free preview lesson");
        await page.GotoAsync("/account/sign-in");
        await page.ShouldHaveNoSeriousViolationsAsync("Sign-in page");
        await page.ClickButtonAsync("Sign in"); // empty: the page comes back with its errors
        await Expect(page.GetByText("Please enter your email address.").First).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync("Sign-in page with errors");
        await page.GotoAsync("/account/register");
        await page.ShouldHaveNoSeriousViolationsAsync("Registration page");
        var missing = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, missing!.Status);
        await page.ShouldShowHeadingAsync("Page not found");
        await page.ShouldHaveNoSeriousViolationsAsync("404 page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_pages_a_learner_sees_have_no_serious_or_critical_accessibility_violations()
    {
        var (page, _) = await LearnerAsync("ada@example.test");
        await page.GotoAsync("/learn");
        await page.ShouldHaveNoSeriousViolationsAsync("Learner dashboard");
        await page.ClickLinkAsync("Week 1", exact: false);
        await page.ShouldHaveNoSeriousViolationsAsync("Week page");

        foreach (var kind in Enum.GetValues<SectionKind>())
        {
            var section = kind == SectionKind.Quiz ? await App.SectionAsync(GradedQuiz) : await App.FirstSectionAsync(1, kind);
            await page.GotoAsync($"/learn/{section.Slug}");
            await page.ShouldShowHeadingAsync(section.Title);
            await page.ShouldHaveNoSeriousViolationsAsync($"{kind} section");
        }

        // The quiz attempt and its results (the quiz section page is open from the loop above)
        await page.GotoAsync($"/learn/{(await App.SectionAsync(GradedQuiz)).Slug}");
        await page.ClickButtonAsync("Start the quiz");
        await page.ShouldHaveNoSeriousViolationsAsync("Quiz attempt");
        var quiz = QuizDefinition.Parse((await App.SectionAsync(GradedQuiz)).ExtrasJson);
        await page.AnswerQuizAsync(quiz, right: false);
        await Expect(page.GetByText("Not passed this time")).ToBeVisibleAsync();
        await page.ShouldHaveNoSeriousViolationsAsync("Quiz results");

        await page.GotoAsync("/learn/tools/pain-log");
        await page.ShouldHaveNoSeriousViolationsAsync("Pain & stiffness log");
        await page.GotoAsync("/account");
        await page.ShouldHaveNoSeriousViolationsAsync("Account page");

        var locked = await page.GotoAsync("/learn/weeks/3");
        Assert.Equal(403, locked!.Status);
        await page.ShouldShowHeadingAsync("Week 3 isn't open yet");
        await page.ShouldHaveNoSeriousViolationsAsync("403 page (locked week)");
        await page.Context.CloseAsync();
    }

    /// <summary>A learner two days in, whose week 1 reflection waits for the instructor.</summary>
    private async Task<(AppUser Learner, Section Reflection, Guid ReflectionId)> LearnerWithASubmittedReflectionAsync(string email, string name)
    {
        var learner = await App.CreateUserAsync(email, name: name);
        var enrolment = await App.EnrolAsync(learner, App.Clock.GetUtcNow() - TimeSpan.FromDays(2));
        var reflection = await App.FirstSectionAsync(1, SectionKind.Reflection);
        var id = Guid.CreateVersion7();
        await App.WithDbAsync(async db =>
        {
            var prompts = JsonDocument.Parse(reflection.ExtrasJson).RootElement.GetProperty("prompts").EnumerateArray()
                .ToDictionary(p => p.GetProperty("key").GetString()!, _ => "Sitting at my desk all day makes it worse.");
            db.Reflections.Add(new Reflection
            {
                Id = id,
                EnrolmentId = enrolment.Id,
                SectionId = reflection.Id,
                State = ReflectionState.Submitted,
                AnswersJson = JsonSerializer.Serialize(prompts),
                CreatedAt = App.Clock.GetUtcNow() - TimeSpan.FromDays(1),
                UpdatedAt = App.Clock.GetUtcNow() - TimeSpan.FromDays(1),
                SubmittedAt = App.Clock.GetUtcNow() - TimeSpan.FromDays(1),
            });
            return await db.SaveChangesAsync();
        });
        return (learner, reflection, id);
    }

    [Fact]
    public async Task Every_instructor_and_admin_page_type_passes_on_a_phone_too()
    {
        var (learner, _, reflectionId) = await LearnerWithASubmittedReflectionAsync("roz@example.test", "Roz Narrow");
        await App.CreateInstructorAsync("ines@example.test", "Ines Instructor");
        var lesson = await App.FirstSectionAsync(1, SectionKind.Lesson);

        var instructor = await chromium.NewPageAsync(App, width: 360, height: 740);
        await instructor.SignInAsync("ines@example.test");
        foreach (var (url, name) in new[]
        {
            ("/instructor", "Instructor queue"),
            ($"/instructor/learners/{learner.Id}", "Instructor's learner page"),
            ($"/instructor/reflections/{reflectionId}", "Instructor review page"),
        })
        {
            await instructor.GotoAsync(url);
            await instructor.ShouldHaveNoSeriousViolationsAsync(name + " at 360 px");
        }
        await instructor.Context.CloseAsync();

        var admin = await chromium.NewPageAsync(App, width: 360, height: 740);
        await admin.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        foreach (var (url, name) in new[]
        {
            ("/admin", "Admin dashboard"),
            ("/admin/course", "Course editor"),
            ($"/admin/course/sections/{lesson.Id}", "Section editor"),
            ("/admin/learners", "Admin learners"),
            ($"/admin/learners/{learner.Id}", "Admin learner page"),
            ("/admin/emails", "Admin emails"),
            ("/admin/audit", "Audit log"),
            ("/admin/reviews", "Reviews"),
            ("/admin/feedback", "Feedback inbox"),
            ("/admin/orders", "Orders"),
        })
        {
            await admin.GotoAsync(url);
            await admin.ShouldHaveNoSeriousViolationsAsync(name + " at 360 px");
        }
        await admin.ScreenshotAsync("accessibility-admin-learner-360px");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task The_pages_instructors_and_admins_see_have_no_serious_or_critical_accessibility_violations()
    {
        var (_, reflection, _) = await LearnerWithASubmittedReflectionAsync("rex@example.test", "Rex Reflects");
        await App.CreateInstructorAsync("ivy@example.test", "Ivy Instructor");

        var instructor = await chromium.NewPageAsync(App);
        await instructor.SignInAsync("ivy@example.test");
        await instructor.GotoAsync("/instructor");
        await instructor.ShouldHaveNoSeriousViolationsAsync("Instructor queue");
        await instructor.GetByRole(AriaRole.Row, new() { Name = "Rex Reflects" }).GetByRole(AriaRole.Link, new() { Name = reflection.Title }).ClickAsync();
        await instructor.ShouldShowHeadingAsync(reflection.Title);
        await instructor.ShouldHaveNoSeriousViolationsAsync("Instructor review page");
        await instructor.Context.CloseAsync();

        var admin = await chromium.NewPageAsync(App);
        await admin.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
        await admin.GotoAsync("/admin");
        await admin.ShouldHaveNoSeriousViolationsAsync("Admin dashboard");
        await admin.ClickLinkAsync("Course authoring");
        await admin.ShouldHaveNoSeriousViolationsAsync("Course editor");
        await admin.ClickLinkAsync((await App.FirstSectionAsync(1, SectionKind.Lesson)).Title);
        await admin.ShouldHaveNoSeriousViolationsAsync("Section editor");
        await admin.GotoAsync("/admin/course");
        await admin.ClickLinkAsync(GradedQuiz);
        await admin.ClickLinkAsync("Edit the quiz questions");
        await admin.ShouldHaveNoSeriousViolationsAsync("Quiz editor");
        await admin.GotoAsync("/admin/course");
        await admin.ClickLinkAsync(reflection.Title);
        await admin.ClickLinkAsync("Edit the reflection prompts");
        await admin.ShouldHaveNoSeriousViolationsAsync("Prompts editor");
        await admin.GotoAsync("/admin/learners");
        await admin.ShouldHaveNoSeriousViolationsAsync("Admin learners");
        await admin.ScreenshotAsync("accessibility-admin-learners");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task A_learner_signs_in_opens_a_section_and_marks_it_complete_with_the_keyboard_alone()
    {
        await App.EnrolAsync(await App.CreateUserAsync("kim@example.test", name: "Kim Keys"), App.Clock.GetUtcNow() - TimeSpan.FromHours(1));
        var tip = await App.FirstSectionAsync(1, SectionKind.Tip);
        var page = await chromium.NewPageAsync(App);
        await page.GotoAsync("/account/sign-in");

        // The first Tab stop is the skip link, and it leads to the page's content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();

        await page.TabToAsync(page.GetByLabel("Email"));
        await page.Keyboard.TypeAsync("kim@example.test");
        await page.TabToAsync(page.GetByLabel("Password", new() { Exact = true }));
        await page.Keyboard.TypeAsync(BrowserApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "My course", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your progress" })).ToBeVisibleAsync();
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Week 1:", Exact = false }));
        await page.Keyboard.PressAsync("Enter");
        await page.ShouldShowHeadingAsync("Week 1: Understanding upper back spasms: what they are, symptoms, red flags");
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = tip.Title, Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await page.ShouldShowHeadingAsync(tip.Title);
        // A tip does not complete itself on scrolling (only lessons do), so the button stays until pressed.
        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Mark complete" }));
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByText($"\u201c{tip.Title}\u201d is marked complete.")).ToBeVisibleAsync();

        await page.ScreenshotAsync("keyboard-journey-tip-marked-complete");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_main_pages_fit_a_360_pixel_wide_phone_without_sideways_scrolling()
    {
        var visitor = await chromium.NewPageAsync(App, width: 360, height: 740);
        foreach (var (url, name) in new[] { ("/", "Course page"), ("/account/sign-in", "Sign-in page"), ("/account/register", "Registration page"), ("/no-such-page", "404 page") })
        {
            await visitor.GotoAsync(url);
            await visitor.ShouldNotScrollSidewaysAsync(name);
        }
        await visitor.Context.CloseAsync();

        var (page, _) = await LearnerAsync("pat@example.test", width: 360);
        var pages = new List<(string Url, string Name)>
        {
            ("/learn", "Learner dashboard"),
            ("/learn/weeks/1", "Week page"),
            ("/learn/weeks/3", "403 page (locked week)"),
            ("/learn/tools/pain-log", "Pain & stiffness log"),
            ("/account", "Account page"),
        };
        foreach (var kind in Enum.GetValues<SectionKind>())
        {
            var section = kind == SectionKind.Quiz ? await App.SectionAsync(GradedQuiz) : await App.FirstSectionAsync(1, kind);
            pages.Add(($"/learn/{section.Slug}", $"{kind} section"));
        }
        foreach (var (url, name) in pages)
        {
            await page.GotoAsync(url);
            await page.ShouldNotScrollSidewaysAsync(name);
        }
        await page.GotoAsync($"/learn/{(await App.SectionAsync(GradedQuiz)).Slug}");
        await page.ClickButtonAsync("Start the quiz");
        await page.ShouldNotScrollSidewaysAsync("Quiz attempt");
        await page.ScreenshotAsync("narrow-quiz-attempt-360px");
        await page.Context.CloseAsync();
    }
}
