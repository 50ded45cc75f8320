using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Features.Account;

public sealed class SignInTests
{
    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Email"] = email, ["Password"] = password };

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("lock@example.test");
        var browser = app.CreateBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials("lock@example.test", "wrong password " + attempt));
            wrong.ShouldBe(HttpStatusCode.OK);
            Assert.Contains("That email and password don't match an account.", (await wrong.ReadHtmlAsync()).Errors());
        }
        var fifth = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials("lock@example.test", "wrong password 5"));
        Assert.Contains((await fifth.ReadHtmlAsync()).Errors(), e => e.Contains("locked", StringComparison.Ordinal));

        var right = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in", Credentials("lock@example.test", Accounts.Password));
        right.ShouldBe(HttpStatusCode.OK);
        Assert.Contains((await right.ReadHtmlAsync()).Errors(), e => e.Contains("locked", StringComparison.Ordinal));
        (await browser.GetAsync("/account")).ShouldBe(HttpStatusCode.Redirect);

        using var scope = app.Services.CreateScope();
        var user = await app.Db(scope).Users.SingleAsync(u => u.Email == "lock@example.test");
        Assert.True(user.LockoutEnd > app.Clock.GetUtcNow());
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
