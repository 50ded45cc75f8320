using System.Net;
using System.Text.Json;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BackCourse.IntegrationTests.Operations;

public sealed class OperationsTests
{
    // These tests throw on purpose; keep the expected error out of the test output.
    private static Dictionary<string, string?> QuietErrors => new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None",
        ["Logging:LogLevel:BackCourse.Web.Infrastructure"] = "None",
    };

    [Fact]
    public async Task Healthz_reports_the_database_reachable_and_migrations_current()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.CreateBrowser().GetAsync("/healthz");

        response.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("reachable", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("current", json.RootElement.GetProperty("checks").GetProperty("migrations").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_gone()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();
        (await browser.GetAsync("/healthz")).ShouldBe(HttpStatusCode.OK);

        await using (var server = new NpgsqlConnection(TestDatabase.ServerConnectionString))
        {
            await server.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }

        var response = await browser.GetAsync("/healthz");

        response.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_url_gets_the_friendly_404_page()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.CreateBrowser().GetAsync("/no/such/page");

        response.ShouldBe(HttpStatusCode.NotFound);
        var page = await response.ReadHtmlAsync();
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }

    [Fact]
    public async Task Json_callers_get_problem_details_for_a_404()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        var response = await browser.GetAsync("/api/nothing-here");

        response.ShouldBe(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<ProblemDetails>(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem?.Status);
    }

    [Fact]
    public async Task An_unhandled_exception_shows_the_friendly_500_page_without_details()
    {
        await using var app = await TestApp.StartAsync(QuietErrors, configureServices: s =>
            s.AddControllers().AddApplicationPart(typeof(ThrowingController).Assembly));

        var response = await app.CreateBrowser().GetAsync("/test/throw");

        response.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unhandled_exception_is_problem_details_for_json_callers()
    {
        await using var app = await TestApp.StartAsync(QuietErrors, configureServices: s =>
            s.AddControllers().AddApplicationPart(typeof(ThrowingController).Assembly));
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        var response = await browser.GetAsync("/test/throw");

        response.ShouldBe(HttpStatusCode.InternalServerError);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        await using var app = await TestApp.StartAsync();

        // HSTS is never sent to localhost, so ask as the public host would be asked.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "course.example";
        var response = await app.CreateBrowser().SendAsync(request);

        response.ShouldBe(HttpStatusCode.OK);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("max-age", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_cookies_are_secure_and_http_only_outside_development()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("cookie@example.test");
        var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "cookie@example.test", ["Password"] = Accounts.Password });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bc.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_rejected()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("csrf@example.test");
        var browser = app.CreateBrowser();

        var response = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "csrf@example.test",
            ["Password"] = Accounts.Password,
        }));

        response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("bc.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_in_form_posted_with_another_sessions_token_is_rejected()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("victim@example.test");
        var attacker = app.CreateBrowser();
        var attackerPage = await attacker.GetPageAsync("/account/forgot-password");
        var attackerToken = attackerPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var victim = app.CreateBrowser();
        await victim.SignInAsync("victim@example.test");

        var response = await victim.PostAsync("/account/profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = attackerToken,
            ["DisplayName"] = "Hacked",
            ["TimeZoneId"] = "UTC",
        }));

        response.ShouldBe(HttpStatusCode.BadRequest);
    }
}

[Route("test/throw")]
public sealed class ThrowingController : Controller
{
    [HttpGet]
    public IActionResult Throw() => throw new InvalidOperationException("secret detail");
}
