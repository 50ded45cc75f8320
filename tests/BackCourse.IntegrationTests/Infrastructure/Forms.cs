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

    /// <summary>The text of every field error and form-level error on a page.</summary>
    public static IReadOnlyList<string> Errors(this IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".field-error, .form-errors li").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];
}
