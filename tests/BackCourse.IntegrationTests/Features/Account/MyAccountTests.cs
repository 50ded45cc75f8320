using System.Net;
using System.Text.Json;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Features.Account;

public sealed class MyAccountTests
{
    [Fact]
    public async Task Download_my_data_returns_the_callers_data_and_nobody_elses()
    {
        await using var app = await TestApp.StartAsync();
        var me = await app.CreateUserAsync("me@example.test", name: "Me Myself");
        await app.CreateUserAsync("other@example.test", name: "Someone Else");
        using (var scope = app.Services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<IEmailSender>();
            await sender.SendAsync(EmailTemplates.Compose("me@example.test", "For me", "test", me.Id, "Hi", ["Body"]));
            await sender.SendAsync(EmailTemplates.Compose("other@example.test", "For the other", "test", null, "Hi", ["Body"]));
        }
        var browser = app.CreateBrowser();
        await browser.SignInAsync("me@example.test");

        var response = await browser.GetAsync("/account/my-data");

        response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "a download of personal data must not be kept by a browser or proxy");
        var json = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("me@example.test", doc.RootElement.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("Me Myself", doc.RootElement.GetProperty("account").GetProperty("displayName").GetString());
        Assert.Equal("For me", doc.RootElement.GetProperty("emailsSent").EnumerateArray().Single().GetProperty("subject").GetString());
        Assert.DoesNotContain("other@example.test", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone Else", json, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", json, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/learn")]
    [InlineData("/account/my-data")]
    public async Task Pages_with_personal_data_are_never_stored_by_a_browser_or_proxy(string path)
    {
        await using var app = await TestApp.StartAsync();
        var (browser, _, _) = await app.SignedInLearnerAsync();

        var response = await browser.GetAsync(path);

        response.ShouldBe(HttpStatusCode.OK);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
        var css = await browser.GetAsync("/css/site.css");
        Assert.False(css.Headers.CacheControl?.NoStore ?? false, "static assets keep their own caching");
    }

    [Fact]
    public async Task Download_my_data_needs_a_signed_in_user()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.CreateBrowser().GetAsync("/account/my-data");
        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.StartsWith("https://localhost/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_my_account_removes_the_person_and_anonymises_what_must_stay()
    {
        await using var app = await TestApp.StartAsync();
        var me = await app.CreateUserAsync("leaving@example.test");
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEmailSender>()
                .SendAsync(EmailTemplates.Compose("leaving@example.test", "Hello", "test", me.Id, "Hi", ["Body"]));
        }
        var browser = app.CreateBrowser();
        await browser.SignInAsync("leaving@example.test");

        var wrongPassword = await browser.SubmitFormAsync("/account/delete", "/account/delete",
            new Dictionary<string, string> { ["Password"] = "not my password", ["Confirm"] = "true" });
        wrongPassword.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("That isn't your password.", (await wrongPassword.ReadHtmlAsync()).Errors());

        var deleted = await browser.SubmitFormAsync("/account/delete", "/account/delete",
            new Dictionary<string, string> { ["Password"] = Accounts.Password, ["Confirm"] = "true" });
        deleted.ShouldBe(HttpStatusCode.Redirect);

        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            Assert.False(await db.Users.AnyAsync(u => u.Id == me.Id));
            Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == me.Id));
            var log = await db.EmailMessages.SingleAsync();
            Assert.Null(log.UserId);
            Assert.DoesNotContain("leaving@example.test", log.ToAddress, StringComparison.Ordinal);
        }
        (await browser.GetAsync("/account")).ShouldBe(HttpStatusCode.Redirect);
        var again = await app.CreateBrowser().SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "leaving@example.test", ["Password"] = Accounts.Password });
        Assert.Contains((await again.ReadHtmlAsync()).Errors(), e => e.StartsWith("That email and password don't match an account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("change@example.test");
        var browser = app.CreateBrowser();
        await browser.SignInAsync("change@example.test");

        var wrong = await browser.SubmitFormAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "not the current one", ["NewPassword"] = "my next passphrase", ["ConfirmPassword"] = "my next passphrase",
        });
        Assert.Contains("That isn't your current password.", (await wrong.ReadHtmlAsync()).Errors());

        var right = await browser.SubmitFormAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Accounts.Password, ["NewPassword"] = "my next passphrase", ["ConfirmPassword"] = "my next passphrase",
        });
        right.ShouldBe(HttpStatusCode.Redirect);
        await app.CreateBrowser().SignInAsync("change@example.test", "my next passphrase");
    }

    [Fact]
    public async Task Changing_the_password_signs_the_other_sessions_out_at_once_and_the_stamp_check_keeps_this_one()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("stamp@example.test");
        var laptop = app.CreateBrowser();
        await laptop.SignInAsync("stamp@example.test");
        var phone = app.CreateBrowser();
        await phone.SignInAsync("stamp@example.test");

        (await laptop.SubmitFormAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Accounts.Password, ["NewPassword"] = "my next passphrase", ["ConfirmPassword"] = "my next passphrase",
        })).ShouldBe(HttpStatusCode.Redirect);

        // The phone's session is ended on the server at once (it used to last until Identity's next stamp check, 30 minutes).
        var signedOut = await phone.GetAsync("/account");
        signedOut.ShouldBe(HttpStatusCode.Redirect);
        Assert.StartsWith("https://localhost/account/sign-in", signedOut.Headers.Location?.ToString(), StringComparison.Ordinal);

        // The laptop's cookie was issued again with the new stamp, so the stamp check, when due, keeps it signed in.
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await laptop.GetAsync("/account")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Profile_rejects_an_unknown_time_zone_and_keeps_the_old_one()
    {
        await using var app = await TestApp.StartAsync();
        var me = await app.CreateUserAsync("tz@example.test");
        var browser = app.CreateBrowser();
        await browser.SignInAsync("tz@example.test");

        var bad = await browser.SubmitFormAsync("/account", "/account/profile",
            new Dictionary<string, string> { ["DisplayName"] = "Tee Zed", ["TimeZoneId"] = "Mars/Olympus_Mons" });
        bad.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("Please choose a time zone from the list.", (await bad.ReadHtmlAsync()).Errors());

        var good = await browser.SubmitFormAsync("/account", "/account/profile",
            new Dictionary<string, string> { ["DisplayName"] = "Tee Zed", ["TimeZoneId"] = "America/New_York" });
        good.ShouldBe(HttpStatusCode.Redirect);
        using var scope = app.Services.CreateScope();
        var saved = await app.Db(scope).Users.SingleAsync(u => u.Id == me.Id);
        Assert.Equal(("Tee Zed", "America/New_York"), (saved.DisplayName, saved.TimeZoneId));
    }
}
