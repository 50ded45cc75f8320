using BackCourse.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace BackCourse.BrowserTests.Infrastructure;

/// <summary>What a person does on the site, through labels, roles and link text only.</summary>
public static class Person
{
    public static async Task SignInAsync(this IPage page, string email, string password = BrowserApp.Password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public static Task ClickLinkAsync(this IPage page, string text, bool exact = true) =>
        page.GetByRole(AriaRole.Link, new() { Name = text, Exact = exact }).First.ClickAsync();

    public static Task ClickButtonAsync(this IPage page, string text, bool exact = true) =>
        page.GetByRole(AriaRole.Button, new() { Name = text, Exact = exact }).ClickAsync();

    public static Task ShouldShowHeadingAsync(this IPage page, string text) =>
        Expect(page.GetByRole(AriaRole.Heading, new() { Name = text, Level = 1 })).ToBeVisibleAsync();

    /// <summary>
    /// Presses "Mark complete" on the section titled <paramref name="title"/>: the site confirms it and moves
    /// on to the next section. On a lesson, site.js also completes it by itself once the learner has scrolled
    /// to its end, and Playwright scrolls to reach the button; when that wins the race the button is replaced
    /// by a "completed" note before the click lands. Either way the learner sees it done.
    /// </summary>
    public static async Task MarkCompleteAsync(this IPage page, string title)
    {
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Mark complete" }).ClickAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // The button went away before the click: fine only if the section completed itself (checked next).
        }
        await Expect(page.GetByText($"\u201c{title}\u201d is marked complete.").Or(page.GetByText("You have completed this section.")).First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Answers the open quiz attempt by ticking options by their text, then submits. The right answers come
    /// from the quiz as stored (the test's knowledge, not the page's); <paramref name="right"/> false picks a
    /// wrong option for every question.
    /// </summary>
    public static async Task AnswerQuizAsync(this IPage page, QuizDefinition quiz, bool right)
    {
        foreach (var q in quiz.Questions)
        {
            var question = page.GetByRole(AriaRole.Group, new() { Name = q.Text });
            if (q.Type == QuestionType.Rating)
            {
                await question.GetByLabel(q.Scale!.Max.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Exact = true }).CheckAsync();
                continue;
            }
            IEnumerable<QuizOption> chosen = right ? q.Options.Where(o => o.Correct) : [q.Options.First(o => !o.Correct)];
            foreach (var option in chosen)
            {
                await question.GetByLabel(option.Text, new() { Exact = true }).CheckAsync();
            }
        }
        await page.ClickButtonAsync("Submit my answers");
    }
}

/// <summary>Moving through a page the way a keyboard user does.</summary>
public static class KeyboardUse
{
    /// <summary>Presses Tab until <paramref name="target"/> has the focus (reading where the focus is, not clicking).</summary>
    public static async Task TabToAsync(this IPage page, ILocator target, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        Assert.Fail($"{maxPresses} presses of Tab never reached {target}; the focus is on {focused}");
    }
}
