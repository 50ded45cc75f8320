using System.Net.Sockets;
using BackCourse.Web.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace BackCourse.Web.Email;

/// <summary>
/// Multipart (plain text + HTML) mail built with MimeKit and sent over SMTP with MailKit on pooled
/// connections (<see cref="SmtpConnectionPool"/>); with no host configured the same message is dropped
/// as an .eml file, so a fresh checkout shows its mail without a server.
/// </summary>
public sealed class SmtpEmailSender(
    AppDbContext db,
    IOptions<EmailOptions> options,
    SmtpConnectionPool pool,
    TimeProvider clock,
    ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task<EmailResult> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var record = Record(email, EmailStatus.Sending);
        db.EmailMessages.Add(record);
        await db.SaveChangesAsync(ct);

        var permanent = false;
        try
        {
            await DeliverAsync(email, ct);
            record.Status = EmailStatus.Sent;
            record.SentAt = clock.GetUtcNow();
        }
        catch (Exception ex) when (Classify(ex, ct) is { } failure)
        {
            logger.LogError(ex, "Sending {Kind} email {MessageId} failed ({Failure})", email.Kind, record.Id,
                failure.Permanent ? "permanent" : "temporary");
            record.Status = EmailStatus.Failed;
            record.Error = Truncate(failure.Error, 2000);
            permanent = failure.Permanent;
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
        return new EmailResult(record.Id, record.Status == EmailStatus.Sent, record.Error, permanent);
    }

    public async Task<EmailResult> SendInTransactionAsync(OutgoingEmail email, Func<long, Task> beforeDelivery, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("SendInTransactionAsync needs the caller's transaction on the scope's AppDbContext.");
        }
        // Written as sent now: the caller's transaction commits it only after the server has the message.
        var record = Record(email, EmailStatus.Sent);
        record.SentAt = record.CreatedAt;
        db.EmailMessages.Add(record);
        await db.SaveChangesAsync(ct);
        await beforeDelivery(record.Id);
        try
        {
            await DeliverAsync(email, ct);
            return new EmailResult(record.Id, true, null);
        }
        catch (Exception ex) when (Classify(ex, ct) is { } failure)
        {
            logger.LogError(ex, "Sending {Kind} email {MessageId} failed ({Failure})", email.Kind, record.Id,
                failure.Permanent ? "permanent" : "temporary");
            record.Status = EmailStatus.Failed;
            record.SentAt = null;
            record.Error = Truncate(failure.Error, 2000);
            await db.SaveChangesAsync(CancellationToken.None);
            return new EmailResult(record.Id, false, record.Error, failure.Permanent);
        }
    }

    /// <summary>
    /// A delivery failure, temporary or permanent; null for what is not one (the caller's own
    /// cancellation, a bug), which propagates as before.
    /// </summary>
    internal static (string Error, bool Permanent)? Classify(Exception ex, CancellationToken ct) => ex switch
    {
        // The server's own verdict. 5xx about this message or its recipient ("550 mailbox unavailable",
        // "552 too big", "554 rejected") will not change on a retry. A 5xx about the sender (our From
        // refused, "530 authentication required") is our configuration, not this message: every message
        // would get it, so it stays temporary and the messages go once the setting is fixed.
        SmtpCommandException smtp => ($"{(int)smtp.StatusCode} {smtp.Message}",
            (int)smtp.StatusCode >= 500 && smtp.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted),
        // An address that cannot be parsed never becomes deliverable.
        ParseException or FormatException => (ex.Message, true),
        // Connection refused or dropped, a broken conversation, TLS or login trouble, a timeout, a full
        // pickup disk: worth another go later.
        SmtpProtocolException or ServiceNotConnectedException or AuthenticationException or SslHandshakeException
            or IOException or SocketException or TimeoutException or UnauthorizedAccessException or NotSupportedException
            or InvalidOperationException // includes ObjectDisposedException: the pool is gone, the app is stopping
            => (ex.Message, false),
        OperationCanceledException when !ct.IsCancellationRequested => ("Timed out: " + ex.Message, false),
        _ => null,
    };

    private async Task DeliverAsync(OutgoingEmail email, CancellationToken ct)
    {
        var settings = options.Value;
        using var message = BuildMessage(email, settings, clock.GetUtcNow());
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            var folder = Path.GetFullPath(settings.PickupDirectory);
            Directory.CreateDirectory(folder);
            await message.WriteToAsync(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".eml"), ct);
            return;
        }
        await pool.SendAsync(message, ct);
    }

    internal static MimeMessage BuildMessage(OutgoingEmail email, EmailOptions settings, DateTimeOffset now)
    {
        var message = new MimeMessage { Subject = email.Subject, Date = now }; // non-ASCII subjects go out as UTF-8 encoded words
        message.From.Add(MailboxAddress.Parse(settings.Smtp.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        if (email.MessageId is { } id)
        {
            message.MessageId = id;
        }
        foreach (var (name, value) in email.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.Add(name, value);
        }
        // Plain text first: clients show the last alternative they understand, so HTML wins where it can.
        // Quoted-printable both, as before: the HTML is one long line, and SMTP lines stop at 998 bytes.
        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = email.Text, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart(TextFormat.Html) { Text = email.Html, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
        return message;
    }

    private EmailMessage Record(OutgoingEmail email, EmailStatus status) => new()
    {
        UserId = email.UserId,
        ToAddress = email.To,
        Subject = Truncate(email.Subject, 300),
        Kind = email.Kind,
        Status = status,
        CreatedAt = clock.GetUtcNow(),
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
