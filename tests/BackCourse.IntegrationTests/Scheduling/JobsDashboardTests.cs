using System.Net;
using System.Text.Json;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace BackCourse.IntegrationTests.Scheduling;

/// <summary>
/// Hangfire's dashboard at /admin/jobs is for admins only. Hangfire's own default lets in any request
/// from the machine itself, so every request here comes from loopback, as a curious local user's would.
/// </summary>
public sealed class JobsDashboardTests
{
    private static Task<TestApp> StartFromLoopbackAsync(Dictionary<string, string?>? settings = null) =>
        TestApp.StartAsync(settings, configureServices: services => services.AddTransient<IStartupFilter, FromLoopback>());

    [Fact]
    public async Task An_anonymous_visitor_from_loopback_is_sent_to_sign_in()
    {
        await using var app = await StartFromLoopbackAsync();

        var response = await app.CreateBrowser().GetAsync("/admin/jobs");

        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("https://localhost/account/sign-in?ReturnUrl=%2Fadmin%2Fjobs", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.Instructor)]
    public async Task Learners_and_instructors_from_loopback_get_403(string role)
    {
        await using var app = await StartFromLoopbackAsync();
        await app.CreateUserAsync("curious@example.test", role);
        var browser = app.CreateBrowser();
        await browser.SignInAsync("curious@example.test");

        foreach (var url in new[] { "/admin/jobs", "/admin/jobs/recurring", "/admin/jobs/stats" })
        {
            var response = await browser.GetAsync(url);
            var final = response.StatusCode == HttpStatusCode.Redirect ? await browser.GetAsync(response.Headers.Location!) : response;
            final.ShouldBe(HttpStatusCode.Forbidden);
            Assert.DoesNotContain("Recurring", await final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admin_sees_the_recurring_email_jobs()
    {
        await using var app = await StartFromLoopbackAsync(new() { ["Scheduling:Enabled"] = "true", ["Scheduling:PollIntervalMs"] = "200" });
        var browser = app.CreateBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var response = await browser.GetAsync("/admin/jobs/recurring");

        response.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("dispatch-notifications", html, StringComparison.Ordinal);
        Assert.Contains("scan-reminders", html, StringComparison.Ordinal);
        Assert.Contains("instructor-digest", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_says_whether_a_hangfire_server_is_alive()
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        await using var pagesOnly = await TestApp.StartAsync(connectionString: cs);
        pagesOnly.KeepDatabase = true;
        Assert.Equal(0, await ServersAliveAsync(pagesOnly)); // a node with scheduling off runs no Hangfire server

        await using var scheduler = await TestApp.StartAsync(new() { ["Scheduling:Enabled"] = "true" }, connectionString: cs);

        await Eventually.TrueAsync(async () => await ServersAliveAsync(pagesOnly) == 1, "the scheduling node's Hangfire server seen by the other node");
        Assert.Equal(1, await ServersAliveAsync(scheduler));
    }

    private static async Task<int> ServersAliveAsync(TestApp app)
    {
        var response = await app.CreateBrowser().GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("data").GetProperty("hangfireServersAlive").GetInt32();
    }

    /// <summary>Makes every request look as if it came from the machine itself.</summary>
    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                context.Connection.LocalIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
