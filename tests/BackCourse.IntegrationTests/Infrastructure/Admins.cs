using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Infrastructure;

public static class Admins
{
    /// <summary>A browser signed in as the admin named in configuration.</summary>
    public static async Task<HttpClient> AdminBrowserAsync(this TestApp app)
    {
        var browser = app.CreateBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        return browser;
    }

    public static async Task<Section> SectionBySlugAsync(this TestApp app, string slug)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Sections.AsNoTracking().SingleAsync(s => s.Slug == slug);
    }

    /// <summary>Week by week, the slugs of the sections authors order (archived ones are out of the order).</summary>
    public static async Task<List<(int Week, int Position, string Slug)>> OrderAsync(this TestApp app)
    {
        using var scope = app.Services.CreateScope();
        var rows = await app.Db(scope).Sections.AsNoTracking().Where(s => s.ArchivedAt == null)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position).Select(s => new { s.WeekNumber, s.Position, s.Slug }).ToListAsync();
        return [.. rows.Select(r => (r.WeekNumber, r.Position, r.Slug))];
    }
}
