using Markdig;
using Markdig.Syntax;

namespace BackCourse.Web.Content;

/// <summary>
/// Course Markdown to HTML. Raw HTML in the source is escaped, not passed through, so a lesson can
/// never carry script; links and images may only use safe schemes.
/// </summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseTaskLists()
        .Build();

    public static string ToHtml(string markdown)
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
