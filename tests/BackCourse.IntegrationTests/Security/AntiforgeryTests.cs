using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Security;

public sealed class AntiforgeryTests
{
    /// <summary>POSTs that need no antiforgery token, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        [AppRoutes.StripeWebhook] = "Stripe's signature over the raw body is the proof instead",
        ["unsubscribe"] = "the signed token in the URL is the credential, and mail clients' one-click List-Unsubscribe-Post can't carry a form token",
    };

    [Fact]
    public async Task Every_post_without_its_token_is_refused_for_every_role_that_can_reach_it_and_changes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, learnerUser, enrolment) = await app.SignedInLearnerAsync("csrf-learner@example.test");
        var (instructor, _) = await app.InstructorAsync("csrf-instructor@example.test", assigned: true);
        var browsers = new Dictionary<string, HttpClient>
        {
            [Roles.Learner] = learner,
            [Roles.Instructor] = instructor,
            [Roles.Admin] = await app.AdminBrowserAsync(),
            ["anonymous"] = app.CreateBrowser(),
        };
        foreach (var browser in browsers.Values)
        {
            // A forged cross-site post carries the victim's cookies, the antiforgery cookie included.
            await browser.TokenAsync("/account/forgot-password");
        }
        var lesson = await app.SectionAsync(1, 3);
        var routes = AppRoutes.Posts(app);
        Assert.True(routes.Count > 50, $"only {routes.Count} POST routes found");
        Assert.DoesNotContain(AppRoutes.All(app), r => r.Method == "*" && !r.Pattern.StartsWith("error/", StringComparison.Ordinal));

        var checkedCount = 0;
        foreach (var route in routes.Where(r => !Exempt.ContainsKey(r.Pattern)))
        {
            // Real-looking values are enough: the token is checked before the action looks anything up.
            var url = AppRoutes.Fill(route.Pattern, new Dictionary<string, string> { ["slug"] = lesson.Slug });
            IReadOnlyList<string> roles = route.Reach == Reach.Anyone ? [.. route.Roles, "anonymous"] : route.Roles;
            foreach (var role in roles)
            {
                var response = await browsers[role].PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    // What a forged form would carry: plausible values for the forms that have these fields.
                    ["DisplayName"] = "Hacked", ["TimeZoneId"] = "UTC", ["Pain"] = "9", ["Stiffness"] = "9", ["Day"] = "2026-11-01",
                    ["Body"] = "forged", ["confirm"] = "true", ["publish"] = "false", ["Decision"] = "reviewed",
                }));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest,
                    $"{route} as {role} answered {(int)response.StatusCode} {response.Headers.Location} instead of 400");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > routes.Count, "every route was tried at least once, most by several roles");

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        Assert.Equal("Test Person", await db.Users.Where(u => u.Id == learnerUser.Id).Select(u => u.DisplayName).SingleAsync());
        Assert.False(await db.PainLog.AnyAsync());
        Assert.False(await db.FeedbackItems.AnyAsync());
        Assert.Equal(EnrolmentStatus.Active, await db.Enrolments.Where(e => e.Id == enrolment.Id).Select(e => e.Status).SingleAsync());
        Assert.True(await db.Sections.Where(s => s.Id == lesson.Id).Select(s => s.IsPublished).SingleAsync());
        (await learner.GetAsync("/learn")).ShouldBe(HttpStatusCode.OK); // sign-out without a token didn't sign anyone out
    }
}
