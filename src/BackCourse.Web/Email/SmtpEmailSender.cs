using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using BackCourse.Web.Data;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Email;

/// <summary>
/// Multipart (plain text + HTML) mail over SMTP with System.Net.Mail; with no host configured the
/// same message is dropped as an .eml file, so a fresh checkout shows its mail without a server.
/// </summary>
public sealed class SmtpEmailSender(
    AppDbContext db,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task<EmailResult> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var record = new EmailMessage
        {
            UserId = email.UserId,
            ToAddress = email.To,
            Subject = Truncate(email.Subject, 300),
            Kind = email.Kind,
            Status = EmailStatus.Sending,
            CreatedAt = clock.GetUtcNow(),
        };
        db.EmailMessages.Add(record);
        await db.SaveChangesAsync(ct);

        try
        {
            await DeliverAsync(email, ct);
            record.Status = EmailStatus.Sent;
            record.SentAt = clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException or FormatException)
        {
            logger.LogError(ex, "Sending {Kind} email {MessageId} failed", email.Kind, record.Id);
            record.Status = EmailStatus.Failed;
            record.Error = Truncate(ex.Message, 2000);
        }
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (record.Status == EmailStatus.Sent && ex is not OperationCanceledException)
        {
            // Delivered but not logged: report it delivered, or a caller's retry would send it twice.
            logger.LogError(ex, "Email {MessageId} was delivered but its log row could not be updated", record.Id);
        }
        return new EmailResult(record.Id, record.Status == EmailStatus.Sent, record.Error);
    }

    private async Task DeliverAsync(OutgoingEmail email, CancellationToken ct)
    {
        var settings = options.Value;
        using var message = BuildMessage(email, settings);
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            var folder = Path.GetFullPath(settings.PickupDirectory);
            Directory.CreateDirectory(folder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = folder;
        }
        else
        {
            client.Host = settings.Smtp.Host;
            client.Port = settings.Smtp.Port;
            client.EnableSsl = settings.Smtp.EnableSsl;
            client.Timeout = settings.Smtp.TimeoutSeconds * 1000;
            if (!string.IsNullOrEmpty(settings.Smtp.User))
            {
                client.Credentials = new NetworkCredential(settings.Smtp.User, settings.Smtp.Password);
            }
        }
        await client.SendMailAsync(message, ct);
    }

    internal static MailMessage BuildMessage(OutgoingEmail email, EmailOptions settings)
    {
        var message = new MailMessage
        {
            From = new MailAddress(settings.Smtp.From),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(email.To));
        foreach (var (name, value) in email.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.Add(name, value);
        }
        // Plain text first: clients show the last alternative they understand, so HTML wins where it can.
        var text = AlternateView.CreateAlternateViewFromString(email.Text, Encoding.UTF8, MediaTypeNames.Text.Plain);
        text.TransferEncoding = TransferEncoding.QuotedPrintable;
        var html = AlternateView.CreateAlternateViewFromString(email.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.QuotedPrintable;
        message.AlternateViews.Add(text);
        message.AlternateViews.Add(html);
        return message;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
