using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackCourse.IntegrationTests.Email;

public sealed class EmailSenderTests
{
    private static OutgoingEmail Mail(string to, string subject = "Hello") =>
        EmailTemplates.Compose(to, subject, "test", null, "Hi", ["Body"]);

    private static async Task<EmailResult> SendAsync(TestApp app, OutgoingEmail email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(email);
    }

    private static async Task<EmailMessage> RowAsync(TestApp app, long id)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).EmailMessages.SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task Without_an_smtp_host_mail_is_written_as_an_eml_file_that_mimekit_reads_back_and_is_recorded()
    {
        var folder = Directory.CreateTempSubdirectory("bc-mail-");
        try
        {
            await using var app = await TestApp.StartAsync(new()
            {
                ["Email:Smtp:Host"] = "",
                ["Email:PickupDirectory"] = folder.FullName,
            });
            var email = EmailTemplates.Compose("reader@example.test", "Week 2 is open: café ✓", "test", null, "Hello", ["Body text"])
                with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://localhost/unsubscribe/abc>" } };

            var result = await SendAsync(app, email);

            Assert.True(result.Sent);
            var file = Assert.Single(folder.GetFiles("*.eml"));
            using var message = await MimeMessage.LoadAsync(file.FullName);
            Assert.Equal("Week 2 is open: café ✓", message.Subject);
            Assert.Equal("reader@example.test", Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal("no-reply@backcourse.test", Assert.Single(message.From.Mailboxes).Address);
            Assert.Equal("<https://localhost/unsubscribe/abc>", message.Headers[HeaderId.ListUnsubscribe]);
            Assert.Contains("Body text", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("Body text", message.HtmlBody, StringComparison.Ordinal);
            Assert.Equal(EmailStatus.Sent, (await RowAsync(app, result.MessageId)).Status);
            Assert.Equal(0, app.Smtp.ConnectionsOpened);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public async Task Text_and_html_parts_a_utf8_subject_and_list_unsubscribe_arrive_as_sent()
    {
        await using var app = await TestApp.StartAsync();
        var email = EmailTemplates.Compose("reader@example.test", "Wöche 2 — ready ✓", "test", null, "Hello", ["Ça va? A line of text."],
                "Open week 2", "https://localhost/weeks/2")
            with
            {
                Headers = new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = "<https://localhost/unsubscribe/abc>",
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                },
            };

        var result = await SendAsync(app, email);

        Assert.True(result.Sent);
        var received = await app.Smtp.WaitForAsync("reader@example.test");
        Assert.Equal("no-reply@backcourse.test", received.From);
        Assert.Equal("Wöche 2 — ready ✓", received.Subject);
        Assert.Contains("Subject: =?utf-8?", received.Raw, StringComparison.OrdinalIgnoreCase); // encoded on the wire, not raw 8-bit
        Assert.Equal("<https://localhost/unsubscribe/abc>", received.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["list-unsubscribe-post"]);
        Assert.Equal(["https://localhost/weeks/2"], received.Links);
        Assert.Contains("Ça va? A line of text.", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("A line of text.", received.HtmlBody, StringComparison.Ordinal);

        using var mime = received.ToMimeMessage();
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Collection(alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
        Assert.All(alternative.OfType<TextPart>(), part =>
        {
            Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true);
            Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        });
    }

    [Fact]
    public async Task Sends_one_after_another_reuse_one_connection()
    {
        await using var app = await TestApp.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await SendAsync(app, Mail($"one-by-one-{i}@example.test"))).Sent);
        }

        Assert.Equal(5, app.Smtp.Messages.Count);
        Assert.Equal(1, app.Smtp.ConnectionsOpened);
    }

    [Fact]
    public async Task Twenty_sends_at_once_share_no_more_connections_than_the_pool_size()
    {
        await using var app = await TestApp.StartAsync(new() { ["Email:Smtp:PoolSize"] = "3" });

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendAsync(app, Mail($"batch-{i}@example.test"))));

        Assert.All(results, r => Assert.True(r.Sent, r.Error));
        Assert.Equal(20, app.Smtp.Messages.SelectMany(m => m.Recipients).Distinct().Count());
        Assert.InRange(app.Smtp.ConnectionsOpened, 1, 3);
    }

    [Fact]
    public async Task A_451_reply_is_recorded_as_a_temporary_failure_without_throwing_and_the_next_send_goes_through()
    {
        await using var app = await TestApp.StartAsync();
        app.Smtp.FailNextDeliveries(1);

        var failed = await SendAsync(app, Mail("x@example.test"));

        Assert.False(failed.Sent);
        Assert.False(failed.Permanent);
        var row = await RowAsync(app, failed.MessageId);
        Assert.Equal(EmailStatus.Failed, row.Status);
        Assert.StartsWith("451", row.Error, StringComparison.Ordinal);
        Assert.Equal(row.Error, failed.Error);
        Assert.Empty(app.Smtp.Messages);

        var retried = await SendAsync(app, Mail("x@example.test"));

        Assert.True(retried.Sent);
        Assert.Equal(EmailStatus.Sent, (await RowAsync(app, retried.MessageId)).Status);
        Assert.Single(app.Smtp.Messages);
        Assert.Equal(1, app.Smtp.ConnectionsOpened); // an error reply leaves the connection usable
    }

    [Fact]
    public async Task A_550_reply_is_recorded_as_a_permanent_refusal()
    {
        await using var app = await TestApp.StartAsync();
        app.Smtp.FailNextPermanently(1);

        var result = await SendAsync(app, Mail("gone@example.test"));

        Assert.False(result.Sent);
        Assert.True(result.Permanent);
        var row = await RowAsync(app, result.MessageId);
        Assert.Equal(EmailStatus.Failed, row.Status);
        Assert.StartsWith("550", row.Error, StringComparison.Ordinal);
        Assert.Empty(app.Smtp.Messages);
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_is_a_temporary_failure()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        await using var app = await TestApp.StartAsync(new() { ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture) });

        var result = await SendAsync(app, Mail("x@example.test"));

        Assert.False(result.Sent);
        Assert.False(result.Permanent);
        Assert.Equal(EmailStatus.Failed, (await RowAsync(app, result.MessageId)).Status);
    }

    [Fact]
    public async Task The_server_closing_an_idle_connection_is_survived_by_reconnecting_for_the_next_send()
    {
        await using var app = await TestApp.StartAsync();
        Assert.True((await SendAsync(app, Mail("first@example.test"))).Sent);

        await app.Smtp.CloseConnectionsAsync();
        var second = await SendAsync(app, Mail("second@example.test"));

        Assert.True(second.Sent, second.Error);
        await app.Smtp.WaitForAsync("second@example.test");
        Assert.Equal(2, app.Smtp.ConnectionsOpened);
    }

    [Fact]
    public async Task An_invalid_email_setting_stops_the_app_at_start_up()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await TestApp.StartAsync(new()
            {
                ["Email:Smtp:Port"] = "0",
                ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None", // the failure is the point
            });
        });

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Port", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pool_size_out_of_range_stops_the_app_at_start_up()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await TestApp.StartAsync(new()
            {
                ["Email:Smtp:PoolSize"] = "0",
                ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None",
            });
        });

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("PoolSize", validation.Message, StringComparison.Ordinal);
    }
}
