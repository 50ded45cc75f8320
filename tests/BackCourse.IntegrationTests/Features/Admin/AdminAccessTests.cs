using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;

namespace BackCourse.IntegrationTests.Features.Admin;

public sealed class AdminAccessTests
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/emails")]
    public async Task Anonymous_visitor_is_sent_to_sign_in(string url)
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.CreateBrowser().GetAsync(url);

        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal($"https://localhost/account/sign-in?ReturnUrl={Uri.EscapeDataString(url)}", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.Instructor)]
    public async Task Learner_and_instructor_get_403_on_admin_pages(string role)
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("notadmin@example.test", role);
        var browser = app.CreateBrowser();
        await browser.SignInAsync("notadmin@example.test");

        foreach (var url in new[] { "/admin", "/admin/emails" })
        {
            var response = await browser.GetAsync(url);
            response.ShouldBe(HttpStatusCode.Redirect);
            var denied = await browser.GetAsync(response.Headers.Location!);
            denied.ShouldBe(HttpStatusCode.Forbidden);
            Assert.Contains("Access denied", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_admin_from_configuration_sees_the_email_log()
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("someone@example.test");
        var browser = app.CreateBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var page = await browser.GetPageAsync("/admin/emails");

        Assert.Equal("Email log", page.QuerySelector("h1")?.TextContent);
    }
}
