using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Operations;

public sealed class DataProtectionTests
{
    [Fact]
    public async Task A_sign_in_cookie_from_one_app_instance_is_accepted_by_another_on_the_same_database()
    {
        await using var first = await TestApp.StartAsync();
        await first.CreateUserAsync("nodes@example.test");
        var browser = first.CreateBrowser();
        var signIn = await browser.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "nodes@example.test", ["Password"] = Accounts.Password });
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bc.auth=", StringComparison.Ordinal)).Split(';')[0];

        using (var scope = first.Services.CreateScope())
        {
            Assert.True(await first.Db(scope).DataProtectionKeys.AnyAsync());
        }

        // A second instance (think: a restart, or another node) shares only the database.
        await using var second = await TestApp.StartAsync(connectionString: first.ConnectionString);
        var other = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", authCookie);

        var response = await other.SendAsync(request);

        response.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("nodes@example.test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
