using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace BackCourse.Web.Infrastructure;

/// <summary>
/// Field messages for hand-named inputs (lists of questions, options, items), where asp-for's
/// prefixes would not match the keys the validators use.
/// </summary>
public static class FieldErrorHtml
{
    public static string? ErrorFor(this IHtmlHelper html, string key) =>
        html.ViewData.ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    /// <summary>A field-error span with an id for aria-describedby, or nothing when the field is fine.</summary>
    public static IHtmlContent FieldError(this IHtmlHelper html, string key, string id)
    {
        var message = html.ErrorFor(key);
        return message is null
            ? HtmlString.Empty
            : new HtmlString($"<span id=\"{HtmlEncoder.Default.Encode(id)}\" class=\"field-error\">{HtmlEncoder.Default.Encode(message)}</span>");
    }

    /// <summary>The id to put in aria-describedby when the field has an error.</summary>
    public static string? Described(this IHtmlHelper html, string key, string id, string? hint = null)
    {
        var ids = new[] { hint, html.ErrorFor(key) is null ? null : id }.Where(x => x is not null);
        var text = string.Join(' ', ids);
        return text.Length == 0 ? null : text;
    }

    public static string? Invalid(this IHtmlHelper html, string key) => html.ErrorFor(key) is null ? null : "true";
}
