using System.Text.RegularExpressions;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;

namespace BackCourse.IntegrationTests.Security;

/// <summary>Who may reach a route, read from its [Authorize]/[AllowAnonymous] metadata.</summary>
public enum Reach
{
    Anyone,
    SignedIn,
    Instructors,
    Admins,
}

/// <summary>One endpoint of the app as the security tests see it: method, route pattern, who may call it.</summary>
public sealed record AppRoute(string Method, string Pattern, Reach Reach, ControllerActionDescriptor? Action)
{
    public bool HasParameters => Pattern.Contains('{', StringComparison.Ordinal);

    /// <summary>The roles that get past authorization (signed-in users only: anonymous callers are tested separately).</summary>
    public IReadOnlyList<string> Roles => Reach switch
    {
        Reach.Admins => [Web.Domain.Roles.Admin],
        Reach.Instructors => [Web.Domain.Roles.Instructor, Web.Domain.Roles.Admin],
        _ => [Web.Domain.Roles.Learner, Web.Domain.Roles.Instructor, Web.Domain.Roles.Admin],
    };

    public override string ToString() => $"{Method} /{Pattern}";
}

/// <summary>
/// Every route the app answers, read from its EndpointDataSource, so a route added later is enumerated
/// by the security tests without anyone remembering to list it.
/// </summary>
public static partial class AppRoutes
{
    public const string StripeWebhook = "webhooks/stripe";

    public static IReadOnlyList<AppRoute> All(TestApp app)
    {
        var routes = new List<AppRoute>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            if (action is null)
            {
                continue; // static assets and /healthz: not the app's forms
            }
            var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                routes.Add(new AppRoute(method, pattern, ReachOf(endpoint), action));
            }
        }
        return routes;
    }

    public static IReadOnlyList<AppRoute> Posts(TestApp app) => [.. All(app).Where(r => r.Method == "POST")];

    private static Reach ReachOf(Endpoint endpoint)
    {
        // The attribute nearest the action wins, as in the authorization middleware: [AllowAnonymous] anywhere opens it.
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Reach.Anyone;
        }
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Contains(Policies.Admin))
        {
            return Reach.Admins;
        }
        if (policies.Contains(Policies.Instructor))
        {
            return Reach.Instructors;
        }
        return policies.Count > 0 ? Reach.SignedIn : Reach.Anyone;
    }

    /// <summary>The pattern with each parameter replaced by a value from <paramref name="values"/> (by name) or a harmless default.</summary>
    public static string Fill(string pattern, IReadOnlyDictionary<string, string>? values = null) =>
        "/" + Parameter().Replace(pattern, m =>
        {
            var name = m.Groups[1].Value;
            if (values is not null && values.TryGetValue(name, out var value))
            {
                return value;
            }
            var constraint = m.Groups[2].Value;
            return constraint switch
            {
                "guid" => Guid.CreateVersion7().ToString(),
                "int" or "long" => "1",
                var c when c.StartsWith("regex", StringComparison.Ordinal) => FirstWord().Match(c[5..]).Value,
                _ => "anything",
            };
        });

    /// <summary>The names of a pattern's parameters, in order.</summary>
    public static IReadOnlyList<string> ParametersOf(string pattern) => [.. Parameter().Matches(pattern).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\w+)(?::([^{}]+))?\??\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex FirstWord();
}

/// <summary>Signed-in browsers for each role, and the antiforgery token a page gives them.</summary>
public static class RoleBrowsers
{
    public static async Task<string> TokenAsync(this HttpClient browser, string pageUrl)
    {
        var page = await browser.GetPageAsync(pageUrl);
        return page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
               ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
    }

    /// <summary>A signed-in instructor assigned (or not) to the course.</summary>
    public static async Task<(HttpClient Browser, AppUser User)> InstructorAsync(this TestApp app, string email, bool assigned)
    {
        var user = await app.CreateUserAsync(email, Web.Domain.Roles.Instructor, "Ina Instructor");
        if (assigned)
        {
            using var scope = app.Services.CreateScope();
            var db = app.Db(scope);
            var course = db.Courses.Single(c => c.Slug == "upper-back-spasms");
            db.CourseInstructors.Add(new CourseInstructor { CourseId = course.Id, UserId = user.Id });
            await db.SaveChangesAsync();
        }
        var browser = app.CreateBrowser();
        await browser.SignInAsync(email);
        return (browser, user);
    }
}
