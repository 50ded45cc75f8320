using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>Works with pages the way a browser does: read the form, keep its hidden fields and token, post it.</summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.ShouldBe(System.Net.HttpStatusCode.OK);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> ReadHtmlAsync(this HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>GETs the page, fills the form whose action is <paramref name="action"/>, and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string pageUrl, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.Forms.FirstOrDefault(f => f.GetAttribute("action")?.Split('#')[0] == action)
                   ?? throw new InvalidOperationException($"No form posting to {action} on {pageUrl}.");
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            if (!string.IsNullOrEmpty(input.Name))
            {
                values[input.Name] = input.Value;
            }
        }
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// GETs the page and posts the form whose action is <paramref name="action"/> with everything it
    /// holds, as a person editing a few fields would; <paramref name="changes"/> overrides fields.
    /// </summary>
    public static async Task<HttpResponseMessage> EditFormAsync(
        this HttpClient client, string pageUrl, string action, IDictionary<string, string> changes)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.Forms.FirstOrDefault(f => f.GetAttribute("action")?.Split('#')[0] == action)
                   ?? throw new InvalidOperationException($"No form posting to {action} on {pageUrl}.");
        var values = form.FieldsOf();
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>The antiforgery token a page hands out, for posts a page's script would make.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl) =>
        (await client.GetPageAsync(pageUrl)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    /// <summary>What a browser would send for a form as it stands: inputs (ticked boxes only), text areas and selects.</summary>
    public static Dictionary<string, string> FieldsOf(this IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (string.IsNullOrEmpty(input.Name) || input.Type == "file" || (input.Type is "checkbox" or "radio" && !input.IsChecked) || fields.ContainsKey(input.Name))
            {
                continue;
            }
            fields[input.Name] = input.Value;
        }
        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea"))
        {
            fields[area.Name!] = area.Value;
        }
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select"))
        {
            fields[select.Name!] = select.Value ?? "";
        }
        return fields;
    }

    /// <summary>The text of every field error and form-level error on a page.</summary>
    public static IReadOnlyList<string> Errors(this IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".field-error, .form-errors li").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];
}
