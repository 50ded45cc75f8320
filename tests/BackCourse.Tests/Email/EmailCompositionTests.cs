using BackCourse.Web.Email;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

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
        var email = EmailTemplates.Compose("a@example.test", "Week 2 is open", "k", null, "H", ["P"])
            with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://example.test/u>" } };
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        using var message = SmtpEmailSender.BuildMessage(email, new EmailOptions { Smtp = new SmtpSettings { From = "BackCourse <no-reply@backcourse.test>" } }, now);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("no-reply@backcourse.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("a@example.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("<https://example.test/u>", message.Headers["List-Unsubscribe"]);
        Assert.Equal(now, message.Date);
    }

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, true)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, true)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ErrorInProcessing, false)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, false)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.AuthenticationRequired, false)]
    public void A_5xx_reply_about_the_message_or_its_recipient_is_permanent_and_anything_else_from_the_server_is_not(
        SmtpErrorCode error, SmtpStatusCode status, bool permanent)
    {
        var failure = SmtpEmailSender.Classify(new SmtpCommandException(error, status, "reply"), CancellationToken.None);

        Assert.NotNull(failure);
        Assert.Equal(permanent, failure.Value.Permanent);
        Assert.StartsWith(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Value.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_trouble_is_temporary_and_the_callers_own_cancellation_is_not_a_delivery_failure()
    {
        Assert.False(SmtpEmailSender.Classify(new IOException("reset"), CancellationToken.None)?.Permanent);
        Assert.False(SmtpEmailSender.Classify(new SmtpProtocolException("gone"), CancellationToken.None)?.Permanent);
        Assert.False(SmtpEmailSender.Classify(new TimeoutException(), CancellationToken.None)?.Permanent);
        Assert.False(SmtpEmailSender.Classify(new OperationCanceledException(), CancellationToken.None)?.Permanent); // a timeout inside MailKit
        Assert.True(SmtpEmailSender.Classify(new ParseException("bad address", 0, 0), CancellationToken.None)?.Permanent);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Null(SmtpEmailSender.Classify(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    [Theory]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 25, SecureSocketOptions.StartTls)]
    [InlineData(false, 465, SecureSocketOptions.None)]
    [InlineData(false, 25, SecureSocketOptions.None)]
    public void Enable_ssl_means_tls_on_connect_on_port_465_and_required_starttls_elsewhere(bool enableSsl, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpConnectionPool.SocketOptionsFor(new SmtpSettings { EnableSsl = enableSsl, Port = port }));
}
