using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackCourse.IntegrationTests.Operations;

/// <summary>
/// Two app instances on one database, as two nodes behind a load balancer: a sign-in, progress and an
/// admin's edit made on one are seen on the other. (Exactly-once unlock emails with a node killed
/// mid-run are in Scheduling/ClusterTests.)
/// </summary>
public sealed class TwoNodeTests
{
    private static HttpClient CookieLessClient(TestApp node) => node.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = false,
    });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Sign_in_progress_and_course_edits_made_on_one_node_hold_on_the_other()
    {
        await using var a = await TestApp.StartAsync();
        a.KeepDatabase = true;
        await using var b = await TestApp.StartAsync(connectionString: a.ConnectionString);
        var user = await a.CreateUserAsync("two-nodes@example.test");
        await a.EnrolAsync(user);
        var lesson = await a.SectionAsync(1, 3);

        // Signed in on A.
        var signIn = await a.CreateBrowser().SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "two-nodes@example.test", ["Password"] = Accounts.Password });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bc.auth=", StringComparison.Ordinal)).Split(';')[0];
        var onB = CookieLessClient(b);

        // B reads the course into memory before anything changes, so the edit below must reach it.
        (await GetAsync(onB, $"/learn/{lesson.Slug}", cookie)).ShouldBe(HttpStatusCode.OK);
        // The learner, in a browser on A, completes the lesson there.
        var browserOnA = a.CreateBrowser();
        await browserOnA.SignInAsync("two-nodes@example.test");
        (await browserOnA.SubmitFormAsync($"/learn/{lesson.Slug}", $"/learn/{lesson.Slug}/complete", new Dictionary<string, string>()))
            .ShouldBe(HttpStatusCode.Redirect);

        // B sees the sign-in and the progress.
        var dashboardOnB = await GetAsync(onB, "/learn", cookie);
        dashboardOnB.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("1 of", (await dashboardOnB.ReadHtmlAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("You have completed this section", await (await GetAsync(onB, $"/learn/{lesson.Slug}", cookie)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An admin edits the lesson on A; B, which holds the course in memory, shows the new text.
        var admin = await a.AdminBrowserAsync();
        (await admin.EditFormAsync($"/admin/course/sections/{lesson.Id}", $"/admin/course/sections/{lesson.Id}",
            new Dictionary<string, string> { ["BodyMarkdown"] = "Edited on node A.", ["Command"] = "save" })).ShouldBe(HttpStatusCode.Redirect);
        await Eventually.TrueAsync(async () =>
            (await (await GetAsync(onB, $"/learn/{lesson.Slug}", cookie)).ReadHtmlAsync()).QuerySelector("article .prose p")?.TextContent == "Edited on node A.",
            "node B shows the lesson as edited on node A");
    }
}
