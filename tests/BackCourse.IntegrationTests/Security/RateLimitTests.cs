using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// The sign-in limit (a fixed window per client address). The basic "N then 429" case is in SignInTests;
/// these check it can't be side-stepped.
/// </summary>
public sealed class RateLimitTests
{
    private const string ClientHeader = "X-Test-Client-Address";

    /// <summary>
    /// The in-process test server has no socket, so no client address: this stands in for the connection,
    /// taking the address from a test-only header (or a fixed public one), before the app's own pipeline.
    /// </summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var given = context.Request.Headers[ClientHeader].ToString();
                context.Connection.RemoteIpAddress = IPAddress.Parse(given.Length > 0 ? given : "203.0.113.10");
                context.Request.Headers.Remove(ClientHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static Task<TestApp> StartAsync(int permits, Dictionary<string, string?>? settings = null) => TestApp.StartAsync(
        new(settings ?? []) { ["RateLimits:AuthPermitsPerMinute"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        configureServices: services => services.AddTransient<IStartupFilter, ClientAddressFilter>());

    private static async Task<List<HttpStatusCode>> FiveWrongSignInsEachSayingAnotherClientAsync(HttpClient browser)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            browser.DefaultRequestHeaders.Remove("X-Forwarded-For");
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await WrongSignInAsync(browser)).StatusCode);
        }
        return statuses;
    }

    private static readonly HttpStatusCode[] LimitedAfterTwo =
        [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests];

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_made_up_forwarded_for_header_from_this_machine_does_not_buy_more_attempts(string loopback)
    {
        // ASP.NET Core's default trusts loopback; a tool run on the server itself (or a local proxy left open) must not get unlimited tries.
        await using var app = await StartAsync(permits: 2);
        Assert.Equal(LimitedAfterTwo, await FiveWrongSignInsEachSayingAnotherClientAsync(Client(app, loopback)));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_allowance_and_nobody_else_is_believed()
    {
        await using var app = await StartAsync(permits: 2, new() { ["App:TrustForwardedHeaders"] = "true", ["App:TrustedProxies:0"] = "10.0.0.5" });

        var viaProxy = await FiveWrongSignInsEachSayingAnotherClientAsync(Client(app, "10.0.0.5"));
        Assert.All(viaProxy, s => Assert.Equal(HttpStatusCode.OK, s));

        Assert.Equal(LimitedAfterTwo, await FiveWrongSignInsEachSayingAnotherClientAsync(Client(app, "127.0.0.1")));
        Assert.Equal(LimitedAfterTwo, await FiveWrongSignInsEachSayingAnotherClientAsync(Client(app, "198.51.100.12")));
    }

    private static HttpClient Client(TestApp app, string address)
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add(ClientHeader, address);
        return browser;
    }

    private static Task<HttpResponseMessage> WrongSignInAsync(HttpClient browser) =>
        browser.SubmitFormAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = "victim@example.test", ["Password"] = "guess guess guess" });

    [Fact]
    public async Task Sign_in_registration_and_password_reset_share_one_allowance_so_switching_forms_gains_nothing()
    {
        await using var app = await StartAsync(permits: 3);
        var browser = Client(app, "198.51.100.7");

        (await WrongSignInAsync(browser)).ShouldBe(HttpStatusCode.OK);
        (await browser.SubmitFormAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = "victim@example.test" })).ShouldBe(HttpStatusCode.Redirect);
        (await browser.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "X", ["Email"] = "x@example.test", ["Password"] = "short", ["ConfirmPassword"] = "short",
        })).ShouldBe(HttpStatusCode.OK);

        var refused = new[]
        {
            await WrongSignInAsync(browser),
            await browser.SubmitFormAsync("/account/register", "/account/register", new Dictionary<string, string> { ["Email"] = "y@example.test" }),
            await browser.SubmitFormAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = "victim@example.test" }),
            await browser.PostAsync("/account/resend-confirmation", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await browser.TokenAsync("/account/forgot-password"), ["Email"] = "victim@example.test",
            })),
            await browser.SubmitFormAsync("/account/reset-password?userId=" + Guid.NewGuid() + "&code=abc", "/account/reset-password",
                new Dictionary<string, string> { ["Password"] = "a long new password", ["ConfirmPassword"] = "a long new password" }),
        };
        foreach (var response in refused)
        {
            response.ShouldBe(HttpStatusCode.TooManyRequests);
            Assert.Contains("Too many attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Once_limited_even_the_right_password_does_not_sign_in()
    {
        await using var app = await StartAsync(permits: 2);
        await app.CreateUserAsync("victim@example.test");
        var browser = Client(app, "198.51.100.8");
        await WrongSignInAsync(browser);
        await WrongSignInAsync(browser);

        var right = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "victim@example.test", ["Password"] = Accounts.Password });

        right.ShouldBe(HttpStatusCode.TooManyRequests);
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("bc.auth=", StringComparison.Ordinal));
        (await browser.GetAsync("/account")).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_made_up_forwarded_for_header_does_not_buy_more_attempts()
    {
        await using var app = await StartAsync(permits: 2);
        var browser = Client(app, "198.51.100.9");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // Not behind a trusted proxy (the default): X-Forwarded-For is anyone's to write, so it must not name the client.
            browser.DefaultRequestHeaders.Remove("X-Forwarded-For");
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await WrongSignInAsync(browser)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task One_client_using_up_its_attempts_does_not_lock_out_another()
    {
        await using var app = await StartAsync(permits: 2);
        var attacker = Client(app, "198.51.100.10");
        for (var i = 0; i < 3; i++)
        {
            await WrongSignInAsync(attacker);
        }
        (await WrongSignInAsync(attacker)).ShouldBe(HttpStatusCode.TooManyRequests);

        (await WrongSignInAsync(Client(app, "198.51.100.11"))).ShouldBe(HttpStatusCode.OK);
    }
}
