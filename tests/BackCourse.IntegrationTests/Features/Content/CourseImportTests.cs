using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Content;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Features.Content;

public sealed class CourseImportTests
{
    private static CourseSeed Seed => CourseSeedReader.Read(CourseSeedReader.DefaultFolder);

    [Fact]
    public async Task Importing_into_an_empty_database_creates_92_published_sections_in_6_weeks_with_every_kind_each_week()
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        await using var app = await TestApp.StartAsync(new() { ["App:MigrateOnStartup"] = "true" }, connectionString: cs);
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);

        Assert.Equal(1, await db.Courses.CountAsync());
        Assert.Equal(6, await db.Weeks.CountAsync());
        var sections = await db.Sections.Where(s => s.IsPublished).ToListAsync();
        Assert.Equal(92, sections.Count);
        foreach (var week in sections.GroupBy(s => s.WeekNumber))
        {
            Assert.Equal(Enum.GetValues<SectionKind>().Length, week.Select(s => s.Kind).Distinct().Count());
        }
        Assert.All(sections, s => Assert.False(string.IsNullOrWhiteSpace(s.BodyHtml)));
    }

    [Fact]
    public async Task A_second_import_changes_nothing_and_keeps_an_admins_edit()
    {
        await using var app = await TestApp.StartAsync();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var edited = await db.Sections.SingleAsync(s => s.WeekNumber == 1 && s.Position == 3);
        edited.Title = "Edited by an admin";
        await db.SaveChangesAsync();
        var before = await db.Sections.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Title, s.BodyMarkdown, s.UpdatedAt }).ToListAsync();

        var result = await scope.ServiceProvider.GetRequiredService<CourseImporter>().ImportAsync(Seed, force: false);

        Assert.Equal(new ImportResult(false, 0, 0, 0), result);
        var after = await db.Sections.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Title, s.BodyMarkdown, s.UpdatedAt }).ToListAsync();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Import_adds_a_section_that_is_missing_and_force_replaces_edits()
    {
        await using var app = await TestApp.StartAsync();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var importer = scope.ServiceProvider.GetRequiredService<CourseImporter>();
        var removed = await db.Sections.SingleAsync(s => s.WeekNumber == 6 && s.Position == 15);
        db.Sections.Remove(removed);
        var edited = await db.Sections.SingleAsync(s => s.WeekNumber == 1 && s.Position == 3);
        var original = edited.Title;
        edited.Title = "Edited by an admin";
        await db.SaveChangesAsync();

        var added = await importer.ImportAsync(Seed, force: false);
        Assert.Equal(1, added.SectionsAdded);
        Assert.Equal("Edited by an admin", (await db.Sections.AsNoTracking().SingleAsync(s => s.Id == edited.Id)).Title);

        var forced = await importer.ImportAsync(Seed, force: true);
        Assert.Equal(92, forced.SectionsReplaced);
        Assert.Equal(original, (await db.Sections.AsNoTracking().SingleAsync(s => s.Id == edited.Id)).Title);
        Assert.Equal(92, await db.Sections.CountAsync());
    }
}
