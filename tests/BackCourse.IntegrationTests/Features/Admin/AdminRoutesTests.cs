using System.Net;
using System.Text.RegularExpressions;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BackCourse.IntegrationTests.Features.Admin;

public sealed partial class AdminRoutesTests
{
    /// <summary>Every route the app has under /admin, with each method, read from the app itself so a new page can't be missed.</summary>
    private static List<(string Method, string Url)> AdminRoutes(TestApp app)
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (!pattern.StartsWith("admin", StringComparison.Ordinal))
            {
                continue;
            }
            var url = "/" + Parameter().Replace(pattern, m => m.Groups[2].Value switch
            {
                "guid" => Guid.CreateVersion7().ToString(),
                "int" or "long" => "1",
                // regex(^(approve|hide)$): the first word the pattern allows
                var c when c.StartsWith("regex", StringComparison.Ordinal) => FirstWord().Match(c[5..]).Value,
                _ => "anything",
            });
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add((method, url));
            }
        }
        return routes;
    }

    [GeneratedRegex(@"\{(\w+)(?::([^{}]+))?\??\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex FirstWord();

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.Instructor)]
    public async Task Learners_and_instructors_are_refused_on_every_admin_route(string role)
    {
        await using var app = await TestApp.StartAsync();
        await app.CreateUserAsync("notadmin@example.test", role);
        var browser = app.CreateBrowser();
        await browser.SignInAsync("notadmin@example.test");
        var routes = AdminRoutes(app);
        Assert.Contains(("GET", "/admin/course"), routes);
        Assert.Contains(routes, r => r.Method == "POST" && r.Url.EndsWith("/move", StringComparison.Ordinal));
        Assert.True(routes.Count > 40, $"only {routes.Count} admin routes found");

        foreach (var (method, url) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
            }
            var response = await browser.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/error/403",
                $"{method} {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }
}
