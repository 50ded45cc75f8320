using Markdig;
using Markdig.Syntax;

namespace BackCourse.Web.Content;

/// <summary>
/// Course Markdown to HTML. Raw HTML in the source is escaped, not passed through, so a lesson can
/// never carry script; links and images may only use safe schemes.
/// </summary>
public static partial class MarkdownRenderer
{
    /// <summary>Quotes and lists inside each other, at most this deep: far more than any lesson needs, far less than what breaks a parser.</summary>
    public const int MaxNesting = 32;

    public const string NestingMessage = "Quotes and lists can go at most 32 levels inside each other. Please flatten the deepest part of the text.";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = MaxNesting }
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseTaskLists()
        .Build();

    /// <summary><see cref="NestingMessage"/> when the text nests deeper than <see cref="MaxNesting"/>, else null; editors and the import refuse such text.</summary>
    public static string? NestingProblem(string? markdown)
    {
        try
        {
            Markdown.Parse(ExpandGetHelpNow(markdown ?? ""), Pipeline);
            return null;
        }
        catch (ArgumentException ex) when (IsTooDeep(ex))
        {
            return NestingMessage;
        }
    }

    // Markdig says "too deeply nested" with a plain ArgumentException; nothing else of ours throws one while parsing.
    private static bool IsTooDeep(ArgumentException ex) => ex.Message.Contains("too deeply nested", StringComparison.Ordinal);

    /// <summary>
    /// HTML for the text. Text nested too deeply (which the editors refuse) is shown as its escaped source in a
    /// paragraph, so a page never fails on it.
    /// </summary>
    public static string ToHtml(string markdown)
    {
        try
        {
            return Render(markdown);
        }
        catch (ArgumentException ex) when (IsTooDeep(ex))
        {
            return "<p>" + System.Net.WebUtility.HtmlEncode(markdown) + "</p>";
        }
    }

    private static string Render(string markdown)
    {
        var document = Markdown.Parse(ExpandGetHelpNow(markdown ?? ""), Pipeline);
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.AutolinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        // Aligned table cells come out with a style attribute, which the CSP blocks: use classes.
        return AlignStyle().Replace(document.ToHtml(Pipeline), m => $"class=\"align-{m.Groups[1].Value}\"");
    }

    /// <summary>
    /// The emergency guidance is kept in one place (<see cref="Domain.GetHelpNow"/>) and pulled in where a
    /// line says <c>{{get-help-now}}</c>, so the stored Markdown keeps the placeholder (exports round-trip)
    /// and every page shows the same words.
    /// </summary>
    internal static string ExpandGetHelpNow(string markdown) =>
        markdown.Contains(Domain.GetHelpNow.Placeholder, StringComparison.Ordinal)
            ? GetHelpNowLine().Replace(markdown.ReplaceLineEndings("\n"), _ => "\n" + Domain.GetHelpNow.Markdown + "\n")
            : markdown;

    [System.Text.RegularExpressions.GeneratedRegex(@"^[ \t]*\{\{get-help-now\}\}[ \t]*$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex GetHelpNowLine();

    [System.Text.RegularExpressions.GeneratedRegex(@"style=""text-align: (left|center|right);""")]
    private static partial System.Text.RegularExpressions.Regex AlignStyle();

    /// <summary>Relative links, anchors, http(s) and mailto only: no javascript:, data: or vbscript:.</summary>
    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        var trimmed = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }
        var firstDelimiter = trimmed.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
        {
            return true; // the colon is inside a path or query, not a scheme
        }
        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
