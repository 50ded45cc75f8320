using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Features.Account;

public sealed class SignInTests
{
    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Email"] = email, ["Password"] = password };

    private const string Refusal = "That email and password don't match an account we can sign you in to.";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_and_only_the_owner_is_told()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("lock@example.test");
        var browser = app.CreateBrowser();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials("lock@example.test", "wrong password " + attempt));
            wrong.ShouldBe(HttpStatusCode.OK);
            Assert.Contains((await wrong.ReadHtmlAsync()).Errors(), e => e.StartsWith(Refusal, StringComparison.Ordinal));
        }

        var right = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials("lock@example.test", Accounts.Password));
        right.ShouldBe(HttpStatusCode.OK);
        var errors = (await right.ReadHtmlAsync()).Errors();
        Assert.Contains(errors, e => e.StartsWith(Refusal, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("locked", StringComparison.OrdinalIgnoreCase));
        (await browser.GetAsync("/account")).ShouldBe(HttpStatusCode.Redirect);

        // The owner hears it by email, once: the attempt that locked it sent it, later ones don't.
        var mail = await app.Smtp.WaitForAsync("lock@example.test");
        Assert.Contains("locked", mail.Subject, StringComparison.Ordinal);
        Assert.Single(app.Smtp.Messages, m => m.Recipients.Contains("lock@example.test"));
        using var scope = app.Services.CreateScope();
        var user = await app.Db(scope).Users.SingleAsync(u => u.Email == "lock@example.test");
        Assert.True(user.LockoutEnd > app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task An_unknown_a_locked_and_an_unconfirmed_address_get_the_same_answer_to_a_wrong_password()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("known@example.test");
        var locked = await app.CreateUserAsync("locked@example.test");
        var unconfirmed = await app.CreateUserAsync("unconfirmed@example.test");
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var l = await db.Users.SingleAsync(u => u.Id == locked.Id);
            l.LockoutEnd = app.Clock.GetUtcNow().AddYears(100); // locked whichever clock Identity reads
            var u = await db.Users.SingleAsync(x => x.Id == unconfirmed.Id);
            u.EmailConfirmed = false;
            await db.SaveChangesAsync();
        }

        var answers = new List<string>();
        foreach (var email in new[] { "nobody@example.test", "known@example.test", "locked@example.test", "unconfirmed@example.test" })
        {
            var response = await app.CreateBrowser().SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials(email, "not the password at all"));
            response.ShouldBe(HttpStatusCode.OK);
            var page = await response.ReadHtmlAsync();
            answers.Add(string.Join(" | ", page.Errors()) + (page.QuerySelector("form[action='/account/resend-confirmation']") is null ? "" : " +resend"));
        }
        Assert.Single(answers.Distinct());

        // With the right password, the unconfirmed owner is told what to do.
        var right = await app.CreateBrowser().SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials("unconfirmed@example.test", Accounts.Password));
        Assert.Contains((await right.ReadHtmlAsync()).Errors(), e => e.Contains("confirm your email", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sign_in_never_redirects_to_another_site()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("r@example.test");
        var browser = app.CreateBrowser();

        var page = await browser.GetPageAsync("/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=ReturnUrl]")?.Value ?? "");

        var response = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "r@example.test", ["Password"] = Accounts.Password, ["ReturnUrl"] = "//evil.example/" });

        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_in_goes_back_to_the_local_page_that_asked_for_it()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("back@example.test");
        var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/account/sign-in?returnUrl=%2Faccount", "/account/sign-in",
            Credentials("back@example.test", Accounts.Password));

        Assert.Equal("/account", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_client()
    {
        await using var app = await TestApp.StartAsync(new() { ["RateLimits:AuthPermitsPerMinute"] = "3" });
        var browser = app.CreateBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials("nobody@example.test", "whatever it is"));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Forgotten_password_link_sets_a_new_password()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("forgot@example.test");
        var browser = app.CreateBrowser();

        var asked = await browser.SubmitFormAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = "forgot@example.test" });
        asked.ShouldBe(HttpStatusCode.Redirect);
        var mail = await app.Smtp.WaitForAsync("forgot@example.test");
        var link = new Uri(Assert.Single(mail.Links, l => l.Contains("/account/reset-password", StringComparison.Ordinal)));

        var reset = await browser.SubmitFormAsync(link.PathAndQuery, "/account/reset-password",
            new Dictionary<string, string> { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "a brand new passphrase" });
        reset.ShouldBe(HttpStatusCode.Redirect);

        await browser.SignInAsync("forgot@example.test", "a brand new passphrase");
        (await browser.GetAsync("/account")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forgotten_password_for_an_unknown_address_looks_the_same_and_sends_nothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("known@example.test");
        var browser = app.CreateBrowser();

        // For a known address the email has arrived by the time the answer does: it is sent within the request.
        var known = await browser.SubmitFormAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = "known@example.test" });
        Assert.Single(app.Smtp.Messages, m => m.Recipients.Contains("known@example.test"));

        var response = await browser.SubmitFormAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = "ghost@example.test" });

        Assert.Equal(known.Headers.Location?.OriginalString, response.Headers.Location?.OriginalString);
        Assert.Equal("/account/forgot-password/sent", response.Headers.Location?.OriginalString);
        Assert.Single(app.Smtp.Messages); // so nothing went to the unknown address, then or later
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("out@example.test");
        var browser = app.CreateBrowser();
        await browser.SignInAsync("out@example.test");

        var home = await browser.GetPageAsync("/");
        var signOutForm = home.Forms.Single(f => f.GetAttribute("action") == "/account/sign-out");
        var token = signOutForm.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        (await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
            .ShouldBe(HttpStatusCode.Redirect);

        (await browser.GetAsync("/account")).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Cookies_are_protected_with_AES_256_GCM_keys()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("gcm@example.test");
        await app.CreateBrowser().SignInAsync("gcm@example.test");

        var keys = app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().GetAllKeys();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Equal("AES_256_GCM",
            key.Descriptor.ExportToXml().SerializedDescriptorElement.Element("encryption")?.Attribute("algorithm")?.Value));
    }
}
