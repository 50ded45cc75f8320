using System.Net.Mail;
using BackCourse.Web.Email;

namespace BackCourse.Tests.Email;

public sealed class EmailCompositionTests
{
    [Fact]
    public void Every_message_has_the_same_words_in_text_and_html_and_ends_with_the_safety_line()
    {
        var email = EmailTemplates.Compose("a@example.test", "Subject", "kind", null, "Heading", ["First paragraph."], "Open", "https://example.test/x?a=1&b=2");

        Assert.Contains("First paragraph.", email.Text, StringComparison.Ordinal);
        Assert.Contains("First paragraph.", email.Html, StringComparison.Ordinal);
        Assert.Contains("Open: https://example.test/x?a=1&b=2", email.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.test/x?a=1&amp;b=2\"", email.Html, StringComparison.Ordinal);
        Assert.EndsWith(EmailTemplates.SafetyLine + "\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("see a doctor now", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_text_are_html_encoded()
    {
        var email = EmailTemplates.Compose("a@example.test", "S", "k", null, "Hello <script>alert(1)</script>", ["<b>not bold</b>"]);

        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("<b>not bold</b>", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mail_message_is_multipart_with_plain_text_first()
    {
        var email = EmailTemplates.Compose("a@example.test", "Week 2 is open", "k", null, "H", ["P"]);

        using var message = SmtpEmailSender.BuildMessage(email, new EmailOptions { Smtp = new SmtpSettings { From = "BackCourse <no-reply@backcourse.test>" } });

        Assert.Equal(["text/plain", "text/html"], message.AlternateViews.Select(v => v.ContentType.MediaType));
        Assert.Equal("no-reply@backcourse.test", message.From?.Address);
        Assert.Equal(new MailAddress("a@example.test"), message.To.Single());
    }
}
