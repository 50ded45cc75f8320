using AngleSharp.Html.Dom;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Stored-XSS payloads, in one place so a new trick is one line. Each is short enough for a name field
/// (100 characters). Plain-text fields must show them as text; Markdown fields must render them without
/// live markup or unsafe link schemes.
/// </summary>
public static class XssCorpus
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "'><img src=x onerror=alert(1)>",
        "\" autofocus onfocus=alert(1) x=\"",
        "' onmouseover='alert(1)",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;img src=x onerror=alert(1)&#62;",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<object data=\"data:text/html,<script>alert(1)</script>\">",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        // Markdown: links, images and autolinks with unsafe schemes, entity-encoded and with whitespace tricks
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](vbscript:msgbox(1))",
        "![x](x\" onerror=\"alert(1))",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](\"onmouseover=\"alert(1))",
    ];

    /// <summary>The whole corpus as one Markdown or multi-line text (well under 2,000 characters).</summary>
    public static string All(string marker) => marker + "\n\n" + string.Join("\n\n", Payloads);

    /// <summary>
    /// The corpus packed into values of at most <paramref name="maxLength"/> characters, each starting
    /// with the marker, on one line: for short single-line fields such as names and titles.
    /// </summary>
    public static IReadOnlyList<string> Batches(string marker, int maxLength)
    {
        var batches = new List<string>();
        var current = marker;
        foreach (var payload in Payloads.Select(p => p.Replace('\n', ' ')))
        {
            if (current.Length + 1 + payload.Length > maxLength)
            {
                batches.Add(current);
                current = marker;
            }
            current += " " + payload;
        }
        batches.Add(current);
        return batches;
    }
}

/// <summary>What "inert" means for a page the site rendered.</summary>
public static class Inert
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc"];
    private static readonly string[] ActiveElements = ["iframe", "frame", "object", "embed", "base", "applet", "link[rel=import]", "meta[http-equiv]"];

    /// <summary>
    /// No script but the site's own <c>/js/site.js</c>, no event-handler attribute, no javascript:, data: or
    /// vbscript: URL, no frames, objects or base element. The site's own pages use none of these (the CSP
    /// forbids inline script anyway), so anything found came from stored text.
    /// </summary>
    public static void AssertInert(IHtmlDocument page, string where)
    {
        foreach (var script in page.QuerySelectorAll("script"))
        {
            var src = script.GetAttribute("src") ?? "";
            Assert.True(src.StartsWith("/js/site.js", StringComparison.Ordinal) && script.TextContent.Trim().Length == 0,
                $"{where}: a script that is not the site's own: {script.OuterHtml}");
        }
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"{where}: an event handler attribute on <{element.LocalName}>: {Shorten(element.OuterHtml)}");
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) && !IsTheLayoutsEmptyIcon(element))
                {
                    Assert.False(IsScriptUrl(attribute.Value),
                        $"{where}: an unsafe URL in {attribute.Name} on <{element.LocalName}>: {Shorten(element.OuterHtml)}");
                }
            }
        }
        foreach (var selector in ActiveElements)
        {
            var found = page.QuerySelector(selector);
            Assert.True(found is null, $"{where}: an active element: {Shorten(found?.OuterHtml ?? "")}");
        }
    }

    /// <summary>The marker is on the page, so the field really is shown there (an inert page that never showed it proves nothing).</summary>
    public static void AssertShows(IHtmlDocument page, string marker, string where) =>
        Assert.True(page.DocumentElement.OuterHtml.Contains(marker, StringComparison.Ordinal), $"{where}: {marker} is not on the page");

    /// <summary>The same checks on an email's HTML part, which has no script of its own at all.</summary>
    public static void AssertInertEmail(string? html, string marker, string where)
    {
        Assert.NotNull(html);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(page.QuerySelectorAll("script"));
        AssertInert(page, where);
        AssertShows(page, marker, where);
    }

    /// <summary>The layout's own <c>&lt;link rel="icon" href="data:,"&gt;</c> in the head (an empty icon, so no favicon request).</summary>
    private static bool IsTheLayoutsEmptyIcon(IElement element) =>
        element.LocalName == "link" && element.GetAttribute("rel") == "icon" && element.GetAttribute("href") == "data:,"
        && element.ParentElement?.LocalName == "head";

    internal static bool IsScriptUrl(string value)
    {
        // Browsers ignore whitespace and control characters inside a scheme, and compare it case-insensitively.
        var squeezed = new string([.. value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]).ToLowerInvariant();
        return squeezed.StartsWith("javascript:", StringComparison.Ordinal) || squeezed.StartsWith("data:", StringComparison.Ordinal)
               || squeezed.StartsWith("vbscript:", StringComparison.Ordinal);
    }

    private static string Shorten(string html) => html.Length <= 300 ? html : html[..300] + "…";
}
