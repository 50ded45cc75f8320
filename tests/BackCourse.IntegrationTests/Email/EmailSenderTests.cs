using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackCourse.IntegrationTests.Email;

public sealed class EmailSenderTests
{
    [Fact]
    public async Task Without_an_smtp_host_mail_is_written_as_an_eml_file_and_recorded()
    {
        var folder = Directory.CreateTempSubdirectory("bc-mail-");
        try
        {
            await using var app = await TestApp.StartAsync(new()
            {
                ["Email:Smtp:Host"] = "",
                ["Email:PickupDirectory"] = folder.FullName,
            });
            using var scope = app.Services.CreateScope();

            var result = await scope.ServiceProvider.GetRequiredService<IEmailSender>()
                .SendAsync(EmailTemplates.Compose("reader@example.test", "Week 2 is open", "test", null, "Hello", ["Body text"]));

            Assert.True(result.Sent);
            var file = Assert.Single(folder.GetFiles("*.eml"));
            var message = ReceivedMessage.Parse("", ["reader@example.test"], (await File.ReadAllTextAsync(file.FullName)).ReplaceLineEndings("\r\n"));
            Assert.Equal("Week 2 is open", message.Subject);
            Assert.Contains("Body text", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("Body text", message.HtmlBody, StringComparison.Ordinal);
            Assert.Equal(EmailStatus.Sent, (await app.Db(scope).EmailMessages.SingleAsync()).Status);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public async Task A_failed_delivery_is_recorded_with_its_error_and_does_not_throw()
    {
        await using var app = await TestApp.StartAsync();
        app.Smtp.FailNextDeliveries(1);
        using var scope = app.Services.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<IEmailSender>()
            .SendAsync(EmailTemplates.Compose("x@example.test", "Hello", "test", null, "Hi", ["Body"]));

        Assert.False(result.Sent);
        var row = await app.Db(scope).EmailMessages.SingleAsync();
        Assert.Equal(EmailStatus.Failed, row.Status);
        Assert.False(string.IsNullOrEmpty(row.Error));
        Assert.Empty(app.Smtp.Messages);
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
}
