using System.Net;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class AuditLogTests
{
    [Fact]
    public async Task Each_change_is_logged_with_who_what_and_before_and_after_and_the_log_filters()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var lesson = await app.SectionAsync(1, 3);
        var url = $"/admin/course/sections/{lesson.Id}";

        await admin.EditFormAsync(url, url, new Dictionary<string, string> { ["Title"] = "A renamed lesson", ["Command"] = "save" });
        await admin.SubmitFormAsync("/admin/course", $"/admin/course/sections/{lesson.Id}/move", new Dictionary<string, string> { ["direction"] = "down" });
        await admin.EditFormAsync("/admin/course/weeks/2", "/admin/course/weeks/2", new Dictionary<string, string> { ["Title"] = "Causes, renamed" });
        await admin.EditFormAsync("/admin/course/details", "/admin/course/details", new Dictionary<string, string> { ["SalePrice"] = "8.00" });

        using (var scope = app.Services.CreateScope())
        {
            var entries = await app.Db(scope).AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(["edited", "moved", "edited", "edited"], entries.Select(e => e.Action));
            Assert.Equal(["Section", "Section", "Week", "Course"], entries.Select(e => e.ItemType));
            Assert.All(entries, e => Assert.Equal(TestApp.AdminEmail, e.ActorEmail));
            Assert.All(entries, e => Assert.Equal(app.Clock.GetUtcNow(), e.At));
            var changes = entries.Select(BackCourse.Web.Features.Authoring.AuditReader.Changes).ToList();
            Assert.Equal(new BackCourse.Web.Features.Authoring.FieldChange(lesson.Title, "A renamed lesson"), changes[0]["Title"]);
            Assert.Equal(new BackCourse.Web.Features.Authoring.FieldChange("3", "4"), changes[1]["Position"]);
            Assert.Equal("Causes, renamed", changes[2]["Title"].To);
            Assert.Equal(new BackCourse.Web.Features.Authoring.FieldChange("900", "800"), changes[3]["SalePriceCents"]);
            Assert.Single(changes[3]);
        }

        var all = await admin.GetPageAsync("/admin/audit");
        Assert.Equal(4, all.QuerySelectorAll(".audit-table tbody tr").Length);
        var sections = await admin.GetPageAsync("/admin/audit?type=Section");
        Assert.Equal(2, sections.QuerySelectorAll(".audit-table tbody tr").Length);
        var words = await admin.GetPageAsync("/admin/audit?q=renamed");
        Assert.Equal(3, words.QuerySelectorAll(".audit-table tbody tr").Length);
        var nobody = await admin.GetPageAsync("/admin/audit?who=someone-else");
        Assert.Empty(nobody.QuerySelectorAll(".audit-table tbody tr"));
        var later = await admin.GetPageAsync("/admin/audit?from=2026-11-03");
        Assert.Empty(later.QuerySelectorAll(".audit-table tbody tr"));
        var badDate = await admin.GetPageAsync("/admin/audit?from=yesterday");
        Assert.Equal("Give the date as year-month-day, for example 2026-11-21.", badDate.QuerySelector("#from-error")!.TextContent);
    }

    [Fact]
    public async Task The_course_editor_refuses_a_sale_price_above_the_list_price_and_changes_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();

        var response = await admin.EditFormAsync("/admin/course/details", "/admin/course/details",
            new Dictionary<string, string> { ["SalePrice"] = "15.00", ["ListPrice"] = "12.00", ["Title"] = "A new title" });

        response.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ReadHtmlAsync();
        Assert.Equal("The sale price can't be more than the list price.", page.QuerySelector("#SalePrice-error")!.TextContent);
        Assert.Equal("A new title", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Title")!.Value);
        using var scope = app.Services.CreateScope();
        var course = await app.Db(scope).Courses.AsNoTracking().SingleAsync();
        Assert.Equal((1200, 900), (course.ListPriceCents, course.SalePriceCents));
        Assert.False(await app.Db(scope).AuditEntries.AnyAsync());

        (await admin.EditFormAsync("/admin/course/details", "/admin/course/details", new Dictionary<string, string> { ["SalePrice"] = "6.00" }))
            .ShouldBe(HttpStatusCode.Redirect);
        var coursePage = await app.CreateBrowser().GetPageAsync("/");
        Assert.Contains("$6.00", coursePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("50% off", coursePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
