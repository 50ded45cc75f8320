using System.Text.Json;

namespace BackCourse.BrowserTests.Infrastructure;

/// <summary>
/// axe-core (from npm, tests/BackCourse.BrowserTests/node_modules) run inside the page. It is injected
/// with evaluate, which the site's CSP (no inline script) does not apply to, so the page under test is
/// exactly what learners get.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(Artifacts.ProjectFolder, "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: run `npm ci` in tests/BackCourse.BrowserTests (./backcourse test does).");
    });

    private const string Run = """
        async () => {
            const results = await axe.run(document, { resultTypes: ["violations"] });
            return results.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact} ${v.id}: ${v.help}\n` +
                    v.nodes.slice(0, 5).map(n => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\n/g, " ")}`).join("\n"));
        }
        """;

    /// <summary>Fails with every serious or critical violation on the page as it is now.</summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(this IPage page, string pageType)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        var violations = await page.EvaluateAsync<string[]>(Run);
        Assert.True(violations.Length == 0,
            $"{pageType} ({page.Url}) has serious or critical accessibility violations:\n{string.Join("\n", violations)}");
    }

    /// <summary>Nothing wider than the window: no sideways scrolling on a phone.</summary>
    public static async Task ShouldNotScrollSidewaysAsync(this IPage page, string pageType)
    {
        var widths = await page.EvaluateAsync<JsonElement>(
            "() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, " +
            "widest: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)" +
            ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')) })");
        var scroll = widths.GetProperty("scroll").GetInt32();
        var viewport = page.ViewportSize!.Width;
        Assert.True(scroll <= viewport,
            $"{pageType} ({page.Url}) scrolls sideways at {viewport} px: {scroll} px wide. Wider elements: {widths.GetProperty("widest")}");
    }
}
