using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Features.Account.Sessions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackCourse.IntegrationTests.Features.Account;

/// <summary>A session ends on the server: a copy of its cookie is worth nothing once its owner signs out or a password changes.</summary>
public sealed class SessionEndTests
{
    /// <summary>Signs the browser in and returns its sign-in cookie, as someone who copied it would have it.</summary>
    private static async Task<string> SignInAndCopyCookieAsync(HttpClient browser, string email, string password = Accounts.Password)
    {
        var response = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        response.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bc.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> AccountPageWithAsync(TestApp node, string cookie)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Signing_out_ends_that_session_so_a_copy_of_its_cookie_no_longer_signs_in_and_other_sessions_go_on()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("leaver@example.test");
        var laptop = app.CreateBrowser();
        var copied = await SignInAndCopyCookieAsync(laptop, "leaver@example.test");
        var phone = await SignInAndCopyCookieAsync(app.CreateBrowser(), "leaver@example.test");
        Assert.Equal(HttpStatusCode.OK, await AccountPageWithAsync(app, copied));

        (await laptop.SubmitFormAsync("/account", "/account/sign-out", new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);

        Assert.Equal(HttpStatusCode.Redirect, await AccountPageWithAsync(app, copied));
        Assert.Equal(HttpStatusCode.OK, await AccountPageWithAsync(app, phone));
    }

    [Fact]
    public async Task Changing_the_password_signs_out_every_other_session_at_once_and_keeps_this_one()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("changer@example.test");
        var laptop = app.CreateBrowser();
        await SignInAndCopyCookieAsync(laptop, "changer@example.test");
        var phone = await SignInAndCopyCookieAsync(app.CreateBrowser(), "changer@example.test");

        (await laptop.SubmitFormAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Accounts.Password, ["NewPassword"] = "a fresh spring passphrase", ["ConfirmPassword"] = "a fresh spring passphrase",
        })).ShouldBe(HttpStatusCode.Redirect);

        Assert.Equal(HttpStatusCode.Redirect, await AccountPageWithAsync(app, phone));
        (await laptop.GetAsync("/account")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resetting_a_forgotten_password_signs_out_every_session()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("reset@example.test");
        var stolen = await SignInAndCopyCookieAsync(app.CreateBrowser(), "reset@example.test");
        var browser = app.CreateBrowser();
        (await browser.SubmitFormAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = "reset@example.test" })).ShouldBe(HttpStatusCode.Redirect);
        var mail = await app.Smtp.WaitForAsync("reset@example.test");
        var link = new Uri(Assert.Single(mail.Links, l => l.Contains("/account/reset-password", StringComparison.Ordinal)));

        (await browser.SubmitFormAsync(link.PathAndQuery, "/account/reset-password",
            new Dictionary<string, string> { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "a brand new passphrase" }))
            .ShouldBe(HttpStatusCode.Redirect);

        Assert.Equal(HttpStatusCode.Redirect, await AccountPageWithAsync(app, stolen));
    }

    [Fact]
    public async Task A_session_ended_on_one_node_is_ended_on_the_other_from_its_next_refresh()
    {
        await using var a = await TestApp.StartAsync();
        a.KeepDatabase = true;
        await using var b = await TestApp.StartAsync(connectionString: a.ConnectionString);
        await a.CreateUserAsync("two-nodes-out@example.test");
        var browserOnA = a.CreateBrowser();
        var cookie = await SignInAndCopyCookieAsync(browserOnA, "two-nodes-out@example.test");
        Assert.Equal(HttpStatusCode.OK, await AccountPageWithAsync(b, cookie));

        (await browserOnA.SubmitFormAsync("/account", "/account/sign-out", new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);
        // B's refresher polls every couple of seconds; the test runs its refresh now instead of waiting for it.
        using (var scope = b.Services.CreateScope())
        {
            await b.Services.GetRequiredService<EndedSessions>().RefreshAsync(b.Db(scope), CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.Redirect, await AccountPageWithAsync(b, cookie));
    }
}
