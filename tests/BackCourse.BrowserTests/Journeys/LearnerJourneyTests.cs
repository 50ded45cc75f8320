using BackCourse.Web.Features.WeeklyEmails;
using BackCourse.BrowserTests.Infrastructure;
using BackCourse.Web.Domain;
using BackCourse.Web.Scheduling;
using static Microsoft.Playwright.Assertions;

namespace BackCourse.BrowserTests.Journeys;

/// <summary>One app and one learner through journeys 1–3: each step starts where the last one left off.</summary>
public sealed class LearnerStory : IAsyncLifetime
{
    public const string LearnerName = "Lena Learner";
    public const string LearnerEmail = "lena@example.test";
    public const string InstructorReply = "Thank you, Lena. The numbness in your fingers needs a doctor's look first; please book that this week.";

    public BrowserApp App { get; private set; } = null!;

    /// <summary>The learner's browser tab, kept from step to step (signed in, as she left it).</summary>
    public IPage? Learner { get; set; }

    public async Task InitializeAsync() => App = await BrowserApp.StartAsync();

    public async Task DisposeAsync()
    {
        if (Learner is not null)
        {
            await Learner.Context.CloseAsync();
        }
        await App.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class LearnerJourneyTests(Chromium chromium, LearnerStory story) : IClassFixture<LearnerStory>
{
    private BrowserApp App => story.App;

    private IPage Learner => story.Learner ?? throw new InvalidOperationException("Step 1 (the visitor becoming a learner) did not run or failed.");

    [Fact, Step(1)]
    public async Task A_visitor_reads_the_course_and_its_free_preview_registers_confirms_buys_and_works_through_week_one()
    {
        var page = story.Learner = await chromium.NewPageAsync(App);

        // The course page and the free preview
        await page.GotoAsync("/");
        await page.ShouldShowHeadingAsync("Upper Back Spasms and Chronic Pain");
        await page.ClickLinkAsync("Read the first lesson free: Welcome: how this course works");
        await page.ShouldShowHeadingAsync("Welcome: how this course works");
        await Expect(page.GetByText("This section is a free preview.")).ToBeVisibleAsync();
        await page.ClickLinkAsync("Back to the course page →");

        // Register on the way to buying
        await page.GetByRole(AriaRole.Link, new() { Name = "Buy for" }).ClickAsync();
        await page.ShouldShowHeadingAsync("Create your account");
        await page.GetByLabel("Your name").FillAsync(LearnerStory.LearnerName);
        await page.GetByLabel("Email").FillAsync(LearnerStory.LearnerEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserApp.Password);
        await page.GetByLabel("Confirm password").FillAsync(BrowserApp.Password);
        await page.ClickButtonAsync("Create account");
        await page.ShouldShowHeadingAsync("Check your email");

        // Confirm the address from the message that arrived: its button, as her mail program shows it
        var confirmation = await App.Smtp.WaitForAsync(LearnerStory.LearnerEmail);
        Assert.Equal("Confirm your email for BackCourse", confirmation.Subject);
        await page.SetContentAsync(confirmation.HtmlBody!);
        await page.ClickLinkAsync("Confirm my email");
        await page.ShouldShowHeadingAsync("Thank you: your email is confirmed");
        // The page's own "Sign in" button-link, which leads back to buying (the header's plain one would not).
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(LearnerStory.LearnerEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserApp.Password);
        await page.ClickButtonAsync("Sign in");

        // Buy through the local test payment page
        await page.ShouldShowHeadingAsync("Buy Upper Back Spasms and Chronic Pain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buy for" }).ClickAsync();
        await Expect(page.GetByText("Test payment — no money moves.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "(test)" }).ClickAsync();

        // Paid: her course, and the red-flag notice to read and confirm before she starts
        await Expect(page.GetByText("Payment confirmed. Welcome to the course!")).ToBeVisibleAsync();
        await Expect(page.GetByText($"Welcome back, {LearnerStory.LearnerName}.")).ToBeVisibleAsync();
        await page.ClickLinkAsync("Before you start: read the \"When to see a doctor now\" notice");
        await page.ShouldShowHeadingAsync("Before you start");
        await page.GetByLabel("I have read this notice. I will see a doctor if any of these apply to me.").CheckAsync();
        await page.ClickButtonAsync("Start the course");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Before you start", Exact = false })).ToHaveCountAsync(0);

        // Week 1's first lessons
        await page.ClickLinkAsync("Continue where you left off: Welcome: how this course works");
        await page.ShouldShowHeadingAsync("Welcome: how this course works");
        await page.MarkCompleteAsync("Welcome: how this course works");
        foreach (var lesson in new[] { "Your upper back: a quick tour", "What an upper back spasm is" })
        {
            await page.ClickLinkAsync("Week 1");
            await page.ClickLinkAsync(lesson);
            await page.ShouldShowHeadingAsync(lesson);
            await page.MarkCompleteAsync(lesson);
        }
        await page.ClickLinkAsync("Week 1");
        await page.ShouldShowHeadingAsync("Week 1: Understanding upper back spasms: what they are, symptoms, red flags");
        await Expect(page.GetByText("3 of 15 complete")).ToBeVisibleAsync();

        // The pain & stiffness log
        await page.ClickLinkAsync("My course");
        await page.ClickLinkAsync("Log today's pain and stiffness");
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync("2026-11-02");
        await page.GetByLabel("Pain today").FillAsync("6");
        await page.GetByLabel("Stiffness today").FillAsync("7");
        await page.GetByLabel("Note (optional)").FillAsync("Worse after a long afternoon at the desk");
        await page.ClickButtonAsync("Save today's entry");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Mon 2 Nov 2026 6 7 Worse after a long afternoon at the desk" })).ToBeVisibleAsync();

        // The graded quiz: one failed attempt, then a pass
        var quizSection = await App.SectionAsync("Week 1 quiz: understanding upper back spasms");
        var quiz = QuizDefinition.Parse(quizSection.ExtrasJson);
        Assert.True(quiz.Graded);
        await page.ClickLinkAsync("My course");
        await page.ClickLinkAsync("Week 1", exact: false);
        await page.ClickLinkAsync(quizSection.Title);
        await page.ClickButtonAsync("Start the quiz");
        await page.AnswerQuizAsync(quiz, right: false);
        await Expect(page.GetByText("Not passed this time")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = quizSection.Title }).ClickAsync();
        await page.ClickButtonAsync("Try again");
        await page.AnswerQuizAsync(quiz, right: true);
        await Expect(page.GetByText("You passed")).ToBeVisibleAsync();
        await Expect(page.GetByText("100% ·")).ToBeVisibleAsync();

        // A reflection, sent to the instructor
        var reflection = await App.FirstSectionAsync(1, SectionKind.Reflection);
        var prompts = ReflectionPrompts(reflection);
        await page.ClickLinkAsync("Week 1");
        await page.ClickLinkAsync(reflection.Title);
        await page.GetByLabel(prompts[0]).FillAsync("I stopped carrying the shopping home and I sleep badly. Lately there is numbness in my fingers too.");
        await page.GetByLabel(prompts[1]).FillAsync("My shoulders lock, I worry it will last all day, and I lie down.");
        await page.GetByLabel(prompts[2]).FillAsync("Lift my daughter without bracing for pain.");
        await page.ClickButtonAsync("Submit to my instructor");
        await Expect(page.GetByText("Submitted: waiting for your instructor")).ToBeVisibleAsync();

        await page.ScreenshotAsync("journey-1-learner-submitted-reflection");
    }

    [Fact, Step(2)]
    public async Task The_instructor_finds_the_reflection_at_the_top_of_the_queue_and_replies_and_the_learner_reads_the_reply()
    {
        await App.CreateInstructorAsync("ines@example.test", "Ines Instructor");
        var reflection = await App.FirstSectionAsync(1, SectionKind.Reflection);
        var instructor = await chromium.NewPageAsync(App);
        try
        {
            await instructor.SignInAsync("ines@example.test");
            await instructor.GetByRole(AriaRole.Link, new() { NameRegex = new("^Reviews") }).ClickAsync();
            await instructor.ShouldShowHeadingAsync("Reflections to review");
            var top = instructor.GetByRole(AriaRole.Row).Nth(1); // row 0 holds the column headings
            await Expect(top).ToContainTextAsync(LearnerStory.LearnerName);
            await Expect(top).ToContainTextAsync("Urgent"); // the numbness she mentions is a red flag
            await top.GetByRole(AriaRole.Link, new() { Name = reflection.Title }).ClickAsync();

            await instructor.ShouldShowHeadingAsync(reflection.Title);
            await Expect(instructor.GetByText("Urgent: possible red-flag symptoms")).ToBeVisibleAsync();
            await instructor.GetByLabel("Your feedback").FillAsync(LearnerStory.InstructorReply);
            await instructor.GetByLabel("Mark reviewed").CheckAsync();
            await instructor.ClickButtonAsync("Send");
            await Expect(instructor.GetByText("Marked reviewed; the learner has been emailed.")).ToBeVisibleAsync();
            await Expect(instructor.GetByText("Nothing here. Everything is reviewed.")).ToBeVisibleAsync();
        }
        finally
        {
            await instructor.Context.CloseAsync();
        }

        var page = Learner;
        await page.ClickLinkAsync("My course");
        await page.ClickLinkAsync("Week 1", exact: false);
        await page.ClickLinkAsync(reflection.Title);
        await Expect(page.GetByText("Reviewed by your instructor")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = LearnerStory.InstructorReply })).ToContainTextAsync("Instructor");

        await page.ScreenshotAsync("journey-2-learner-reads-instructor-reply");
    }

    [Fact, Step(3)]
    public async Task Seven_days_later_the_week_two_email_arrives_and_its_button_opens_week_two()
    {
        App.Clock.Advance(TimeSpan.FromDays(7));
        // What the clustered Quartz job does every few seconds, done once here after moving the clock.
        await App.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);
        var mail = await App.Smtp.WaitForAsync(LearnerStory.LearnerEmail, m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal));
        Assert.NotNull(mail.HtmlBody);

        // The message as her mail program shows it, in her own browser (signed in), and its button pressed.
        var page = Learner;
        await page.SetContentAsync(mail.HtmlBody);
        await page.ClickLinkAsync("Open week 2");
        await page.ShouldShowHeadingAsync("Week 2: Risk factors and causes");
        Assert.Equal($"{App.BaseUrl}/learn/weeks/2", page.Url.Split('?')[0]);

        await page.ScreenshotAsync("journey-3-week-two-opened-from-email");
    }

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static List<string> ReflectionPrompts(Section reflection)
    {
        var extras = System.Text.Json.JsonSerializer.Deserialize<ReflectionExtras>(reflection.ExtrasJson, WebJson)!;
        return [.. extras.Prompts.Select(p => p.Text)];
    }

    private sealed record ReflectionExtras(List<ReflectionPrompt> Prompts);

    private sealed record ReflectionPrompt(string Text);
}
