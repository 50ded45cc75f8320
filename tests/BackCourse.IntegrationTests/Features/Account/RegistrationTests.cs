using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Features.Account;

public sealed class RegistrationTests
{
    private static Dictionary<string, string> Registration(string email, string password = "correct horse battery") => new()
    {
        ["DisplayName"] = "Rosa Park",
        ["Email"] = email,
        ["Password"] = password,
        ["ConfirmPassword"] = password,
        ["TimeZoneId"] = "Europe/Madrid",
    };

    [Fact]
    public async Task Visitor_registers_receives_the_confirmation_email_confirms_and_signs_in()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();

        var registered = await browser.SubmitFormAsync("/account/register", "/account/register", Registration("rosa@example.test"));
        registered.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("/account/register/check-email", registered.Headers.Location?.OriginalString);

        // The message went over SMTP to the listener, multipart, with a confirmation link in both parts.
        var mail = await app.Smtp.WaitForAsync("rosa@example.test");
        Assert.Equal("Confirm your email for BackCourse", mail.Subject);
        Assert.NotNull(mail.HtmlBody);
        var link = Assert.Single(mail.Links, l => l.Contains("/account/confirm-email", StringComparison.Ordinal));
        Assert.Contains(WebUtility.HtmlEncode(link), mail.HtmlBody, StringComparison.Ordinal);

        // ...and it is recorded for staff.
        using (var scope = app.Services.CreateScope())
        {
            var record = await app.Db(scope).EmailMessages.SingleAsync();
            Assert.Equal(("rosa@example.test", "account-confirmation", EmailStatus.Sent), (record.ToAddress, record.Kind, record.Status));
            var user = await app.Db(scope).Users.SingleAsync(u => u.Email == "rosa@example.test");
            Assert.Equal("Europe/Madrid", user.TimeZoneId);
            Assert.False(user.EmailConfirmed);
        }

        var confirm = await browser.GetAsync(new Uri(link).PathAndQuery);
        confirm.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("your email is confirmed", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await browser.SignInAsync("rosa@example.test", "correct horse battery");
        var account = await browser.GetAsync("/account");
        account.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("rosa@example.test", await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_before_confirming_the_email_is_refused_with_a_way_to_get_a_new_link()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();
        (await browser.SubmitFormAsync("/account/register", "/account/register", Registration("early@example.test")))
            .ShouldBe(HttpStatusCode.Redirect);

        var response = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "early@example.test", ["Password"] = "correct horse battery" });

        response.ShouldBe(HttpStatusCode.OK);
        var page = await response.ReadHtmlAsync();
        Assert.Contains(page.Errors(), e => e.Contains("confirm your email", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(page.QuerySelector("form[action='/account/resend-confirmation']"));
    }

    [Fact]
    public async Task Registration_with_bad_input_shows_a_message_per_field_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "",
            ["Email"] = "not-an-email",
            ["Password"] = "short",
            ["ConfirmPassword"] = "different",
        });

        response.ShouldBe(HttpStatusCode.OK);
        var errors = (await response.ReadHtmlAsync()).Errors();
        Assert.Contains("Please tell us your name.", errors);
        Assert.Contains("That doesn't look like an email address.", errors);
        Assert.Contains("Use at least 10 characters; a short phrase works well.", errors);
        Assert.Contains("The two passwords don't match.", errors);
        using var scope = app.Services.CreateScope();
        Assert.Equal(1, await app.Db(scope).Users.CountAsync()); // only the configured admin
        Assert.Empty(app.Smtp.Messages);
    }

    [Theory]
    [InlineData("Qwerty UIOP", "attackers try first")]
    [InlineData("password123", "attackers try first")]
    [InlineData("{email}", "can't be your email address or your name")]
    [InlineData("rosa park ", "can't be your email address or your name")]
    public async Task A_common_or_personal_password_is_refused_with_its_reason_whether_or_not_the_address_is_taken(string password, string reason)
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("taken@example.test");
        var browser = app.CreateBrowser();

        foreach (var email in new[] { "rosa@example.test", "taken@example.test" })
        {
            var form = Registration(email, password.Replace("{email}", email, StringComparison.Ordinal));
            var response = await browser.SubmitFormAsync("/account/register", "/account/register", form);

            response.ShouldBe(HttpStatusCode.OK);
            var errors = (await response.ReadHtmlAsync()).Errors();
            Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
        }
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).Users.AnyAsync(u => u.Email == "rosa@example.test"));
        Assert.Empty(app.Smtp.Messages);
    }

    [Fact]
    public async Task An_address_with_an_international_domain_is_stored_in_one_form_and_found_in_either()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();

        (await browser.SubmitFormAsync("/account/register", "/account/register", Registration("Rosa@Bücher.example")))
            .ShouldBe(HttpStatusCode.Redirect);
        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal("Rosa@xn--bcher-kva.example", (await app.Db(scope).Users.SingleAsync(u => u.DisplayName == "Rosa Park")).Email);
        }
        // Sent within the request. MailKit writes the domain in Unicode to a server that offers SMTPUTF8, as the test listener
        // does (which then reads it byte by byte), so only the mailbox's own part is compared here.
        Assert.Contains(app.Smtp.Messages, m => m.Subject.StartsWith("Confirm your email", StringComparison.Ordinal)
            && m.Recipients.Any(r => r.StartsWith("Rosa@", StringComparison.Ordinal)));

        // The same mailbox typed the other way is the same account: no second one, and the owner is told.
        (await app.CreateBrowser().SubmitFormAsync("/account/register", "/account/register", Registration("rosa@XN--BCHER-KVA.example")))
            .ShouldBe(HttpStatusCode.Redirect);
        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal(1, await app.Db(scope).Users.CountAsync(u => u.DisplayName == "Rosa Park"));
        }
        var invalid = await app.CreateBrowser().SubmitFormAsync("/account/register", "/account/register", Registration("rosa@bad_domain!.example"));
        invalid.ShouldBe(HttpStatusCode.OK);
        Assert.Contains((await invalid.ReadHtmlAsync()).Errors(), e => e.Contains("isn't a domain that can receive email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registering_an_address_that_already_has_an_account_reveals_nothing_and_tells_the_owner()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("taken@example.test");
        var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/account/register", "/account/register", Registration("taken@example.test"));

        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("/account/register/check-email", response.Headers.Location?.OriginalString);
        var mail = await app.Smtp.WaitForAsync("taken@example.test");
        Assert.Equal("You already have a BackCourse account", mail.Subject);
    }

    [Fact]
    public async Task A_tampered_confirmation_link_does_not_confirm_the_account()
    {
        await using var app = await TestApp.StartAsync();
        var user = await app.CreateUserAsync("u@example.test");
        var browser = app.CreateBrowser();

        var response = await browser.GetAsync($"/account/confirm-email?userId={user.Id}&code=bm90LWEtdG9rZW4");

        response.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("didn't work", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
