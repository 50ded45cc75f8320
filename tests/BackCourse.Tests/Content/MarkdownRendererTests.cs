using BackCourse.Web.Content;

namespace BackCourse.Tests.Content;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Headings_lists_and_tables_render()
    {
        var html = MarkdownRenderer.ToHtml("## Ice or heat\n\n- ice\n- heat\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        Assert.Contains("<h2 id=\"ice-or-heat\">Ice or heat</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li>ice</li>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Raw_html_is_shown_as_text_never_run(string payload)
    {
        var html = MarkdownRenderer.ToHtml("Hello " + payload);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](vbscript:msgbox)")]
    public void Dangerous_link_schemes_are_neutralised(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.DoesNotMatch(@"(?i)(href|src)=""[^""]*(script|data):", html);
    }

    [Theory]
    [InlineData("[a](https://example.org)", "https://example.org")]
    [InlineData("[a](/learn/intro)", "/learn/intro")]
    [InlineData("[a](#key-points)", "#key-points")]
    [InlineData("[a](mailto:help@example.org)", "mailto:help@example.org")]
    public void Ordinary_links_are_kept(string markdown, string href) =>
        Assert.Contains($"href=\"{href}\"", MarkdownRenderer.ToHtml(markdown), StringComparison.Ordinal);

    [Fact]
    public void Text_nested_past_the_limit_is_named_and_still_renders_without_failing()
    {
        var deepQuote = new string('>', 5000) + " deep <b>";
        Assert.Equal(MarkdownRenderer.NestingMessage, MarkdownRenderer.NestingProblem(deepQuote));
        var html = MarkdownRenderer.ToHtml(deepQuote);
        Assert.StartsWith("<p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);

        var ordinary = "> A quote\n>\n> - with a list\n>   - and a sub-list\n";
        Assert.Null(MarkdownRenderer.NestingProblem(ordinary));
        Assert.Null(MarkdownRenderer.NestingProblem(new string('>', MarkdownRenderer.MaxNesting / 2) + " still fine"));
    }
}
