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

    [Fact]
    public async Task Seed_force_brings_new_content_into_an_existing_database_and_retires_sections_the_files_no_longer_have()
    {
        await using var app = await TestApp.StartAsync();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        // An existing database from before a section was replaced by new material under a new slug.
        var replaced = await db.Sections.SingleAsync(s => s.WeekNumber == 3 && s.Position == 9);
        var newSlug = replaced.Slug;
        replaced.Slug = "an-older-section-the-files-no-longer-have";
        replaced.BodyMarkdown = "Old words.";
        var stale = await db.Sections.SingleAsync(s => s.WeekNumber == 1 && s.Position == 9);
        stale.BodyHtml = "<p>Old notice wording.</p>";
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<BackCourse.Web.Data.StartupSeeder>().SeedAsync(BackCourse.Web.Data.CourseSeeding.Replace);

        db.ChangeTracker.Clear();
        var live = await db.Sections.Where(s => s.IsPublished && s.ArchivedAt == null).ToListAsync();
        Assert.Equal(92, live.Count);
        Assert.DoesNotContain(live, s => s.Slug == "an-older-section-the-files-no-longer-have");
        Assert.Contains(live, s => s.Slug == newSlug && s.WeekNumber == 3 && s.Position == 9);
        Assert.Contains(GetHelpNow.Flags[0].Action, live.Single(s => s.Id == stale.Id).BodyHtml, StringComparison.Ordinal);
    }
}
