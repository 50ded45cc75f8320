using System.Net;

namespace BackCourse.Web.Email;

/// <summary>
/// The shared frame of every message: a readable single column on a phone, the same words in the
/// plain-text part, and the course's safety line at the foot.
/// </summary>
public static class EmailTemplates
{
    public const string SafetyLine =
        "BackCourse is education, not medical advice. If you have numbness, weakness, fever, chest pain, " +
        "loss of bladder or bowel control, or pain after a fall or accident, see a doctor now.";

    public static OutgoingEmail Compose(
        string to, string subject, string kind, Guid? userId,
        string heading, IReadOnlyList<string> paragraphs, string? buttonText = null, string? buttonUrl = null)
    {
        static string e(string s) => WebUtility.HtmlEncode(s);
        var html = new System.Text.StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(e(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1d2a35\">")
            .Append("<div style=\"max-width:560px;margin:0 auto;padding:24px 16px;background:#ffffff\">")
            .Append("<p style=\"font-weight:bold;color:#1f5f8b;margin:0 0 16px\">BackCourse</p>")
            .Append("<h1 style=\"font-size:22px;line-height:1.3;margin:0 0 16px\">").Append(e(heading)).Append("</h1>");
        foreach (var p in paragraphs)
        {
            html.Append("<p style=\"font-size:16px;line-height:1.5;margin:0 0 14px\">").Append(e(p)).Append("</p>");
        }
        if (buttonText is not null && buttonUrl is not null)
        {
            html.Append("<p style=\"margin:24px 0\"><a href=\"").Append(e(buttonUrl))
                .Append("\" style=\"display:inline-block;background:#1f5f8b;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-size:16px\">")
                .Append(e(buttonText)).Append("</a></p>")
                .Append("<p style=\"font-size:13px;color:#52606d;word-break:break-all\">Or paste this link into your browser: ")
                .Append(e(buttonUrl)).Append("</p>");
        }
        html.Append("<hr style=\"border:none;border-top:1px solid #d9e2ec;margin:24px 0\">")
            .Append("<p style=\"font-size:13px;line-height:1.4;color:#52606d\">").Append(e(SafetyLine)).Append("</p>")
            .Append("</div></body></html>");

        var text = new System.Text.StringBuilder();
        text.Append(heading).Append("\n\n");
        foreach (var p in paragraphs)
        {
            text.Append(p).Append("\n\n");
        }
        if (buttonText is not null && buttonUrl is not null)
        {
            text.Append(buttonText).Append(": ").Append(buttonUrl).Append("\n\n");
        }
        text.Append("--\n").Append(SafetyLine).Append('\n');

        return new OutgoingEmail(to, subject, html.ToString(), text.ToString(), kind, userId);
    }
}
