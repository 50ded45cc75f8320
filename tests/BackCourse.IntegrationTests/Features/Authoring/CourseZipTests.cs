using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BackCourse.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class CourseZipTests
{
    private static async Task<byte[]> ExportAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/admin/course/export");
        response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static SortedDictionary<string, string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            entries[entry.FullName] = reader.ReadToEnd();
        }
        return entries;
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient admin, byte[] zip)
    {
        var page = await admin.GetPageAsync("/admin/course");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("form[action='/admin/course/import'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(file, "file", "course.zip");
        return await admin.PostAsync("/admin/course/import", content);
    }

    private static byte[] Zip(IDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_gives_back_the_same_course()
    {
        await using var source = await TestApp.StartAsync();
        var sourceAdmin = await source.AdminBrowserAsync();
        // An edited, a draft and an image-bearing section travel too.
        var lesson = await source.SectionAsync(1, 3);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==");
        var (stored, _) = await source.Services.GetRequiredService<BackCourse.Web.Features.Authoring.MediaLibrary>().SaveAsync(png, default);
        (await sourceAdmin.EditFormAsync($"/admin/course/sections/{lesson.Id}", $"/admin/course/sections/{lesson.Id}", new Dictionary<string, string>
        {
            ["BodyMarkdown"] = $"Edited in the app.\n\n![A diagram](/media/{stored!.Name})", ["Command"] = "save",
        })).ShouldBe(HttpStatusCode.Redirect);
        var draft = await source.SectionAsync(2, 2);
        (await sourceAdmin.SubmitFormAsync("/admin/course", $"/admin/course/sections/{draft.Id}/publish", new Dictionary<string, string>()))
            .ShouldBe(HttpStatusCode.Redirect);
        var exported = await ExportAsync(sourceAdmin);

        await using var target = await TestApp.StartAsync();
        using (var scope = target.Services.CreateScope())
        {
            // No course at all: only the roles and the admin account remain.
            await target.Db(scope).Database.ExecuteSqlRawAsync("TRUNCATE courses CASCADE");
        }
        var targetAdmin = await target.AdminBrowserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await targetAdmin.GetAsync("/admin/course/export")).StatusCode);

        var imported = await ImportAsync(targetAdmin, exported);

        imported.ShouldBe(HttpStatusCode.Redirect);
        var again = await ExportAsync(targetAdmin);
        var first = Entries(exported);
        var second = Entries(again);
        Assert.Equal(first.Keys, second.Keys);
        Assert.Equal(92 + 35 + 2 + 1, first.Count); // sections, their JSON sidecars, course.json and the notice, one image
        foreach (var (name, text) in first)
        {
            Assert.True(text == second[name], $"{name} differs after the round trip");
        }

        using var a = source.Services.CreateScope();
        using var b = target.Services.CreateScope();
        var before = await source.Db(a).Sections.AsNoTracking().OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .Select(s => new { s.WeekNumber, s.Position, s.Kind, s.Slug, s.Title, s.Summary, s.Minutes, s.BodyHtml, s.ExtrasJson, s.IsPublished, s.IsPreview }).ToListAsync();
        var after = await target.Db(b).Sections.AsNoTracking().OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .Select(s => new { s.WeekNumber, s.Position, s.Kind, s.Slug, s.Title, s.Summary, s.Minutes, s.BodyHtml, s.ExtrasJson, s.IsPublished, s.IsPreview }).ToListAsync();
        Assert.Equal(before, after);
        var courseBefore = await source.Db(a).Courses.AsNoTracking().SingleAsync();
        var courseAfter = await target.Db(b).Courses.AsNoTracking().SingleAsync();
        Assert.Equal(
            (courseBefore.Title, courseBefore.DescriptionHtml, courseBefore.ListPriceCents, courseBefore.SalePriceCents, courseBefore.SafetyNoticeHtml, courseBefore.FaqJson),
            (courseAfter.Title, courseAfter.DescriptionHtml, courseAfter.ListPriceCents, courseAfter.SalePriceCents, courseAfter.SafetyNoticeHtml, courseAfter.FaqJson));
        Assert.Equal(courseBefore.WhatYouWillLearn, courseAfter.WhatYouWillLearn);
        Assert.True(File.Exists(Path.Combine(target.MediaFolder, stored.Name)));
        var image = await target.CreateBrowser().GetAsync($"/media/{stored.Name}");
        image.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_bad_zip_is_refused_with_every_reason_and_nothing_is_imported()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var files = Entries(await ExportAsync(admin));
        var quizFile = files.Keys.Single(k => k.StartsWith("weeks/week-1/14-", StringComparison.Ordinal) && k.EndsWith(".json", StringComparison.Ordinal));
        files[quizFile] = files[quizFile].Replace("\"correct\": true", "\"correct\": false", StringComparison.Ordinal);
        var lessonFile = files.Keys.First(k => k.StartsWith("weeks/week-2/", StringComparison.Ordinal) && k.EndsWith(".md", StringComparison.Ordinal));
        files[lessonFile] = files[lessonFile].Replace("title: ", "title: Changed by a bad import ", StringComparison.Ordinal);
        files[lessonFile.Replace("week-2/01-", "week-2/99-", StringComparison.Ordinal)] = files[lessonFile].Replace("order: 1", "order: 7", StringComparison.Ordinal);
        files["../escape.md"] = "nope";
        var before = await app.OrderAsync();

        var response = await ImportAsync(admin, Zip(files));

        response.ShouldBe(HttpStatusCode.BadRequest);
        var problems = (await response.ReadHtmlAsync()).QuerySelectorAll("#import-problems li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith("../escape.md", StringComparison.Ordinal));

        files.Remove("../escape.md");
        var second = await ImportAsync(admin, Zip(files));
        second.ShouldBe(HttpStatusCode.BadRequest);
        problems = [.. (await second.ReadHtmlAsync()).QuerySelectorAll("#import-problems li").Select(li => li.TextContent)];
        Assert.Contains(problems, p => p.Contains("order 7 does not match the file name prefix", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is used by", StringComparison.Ordinal)); // the copied file's slug

        files.Remove(lessonFile.Replace("week-2/01-", "week-2/99-", StringComparison.Ordinal));
        var third = await ImportAsync(admin, Zip(files));
        third.ShouldBe(HttpStatusCode.BadRequest);
        problems = [.. (await third.ReadHtmlAsync()).QuerySelectorAll("#import-problems li").Select(li => li.TextContent)];
        Assert.Contains(problems, p => p.StartsWith(quizFile.Replace(".json", ".md", StringComparison.Ordinal), StringComparison.Ordinal) && p.Contains("has no correct answer", StringComparison.Ordinal));

        Assert.Equal(before, await app.OrderAsync());
        Assert.DoesNotContain("Changed by a bad import", (await app.SectionAsync(2, 1)).Title, StringComparison.Ordinal);
        var notZip = await ImportAsync(admin, Encoding.UTF8.GetBytes("not a zip"));
        notZip.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Contains("not a zip archive", (await notZip.ReadHtmlAsync()).QuerySelector("#import-problems")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_names_its_problems_by_the_zips_own_paths_and_refuses_text_nested_too_deep()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();
        var files = Entries(await ExportAsync(admin));
        var lessonFile = files.Keys.First(k => k.StartsWith("weeks/week-2/", StringComparison.Ordinal) && k.EndsWith(".md", StringComparison.Ordinal));
        files[lessonFile] += "\n" + new string('>', 5000) + " too deep\n";

        var deep = await ImportAsync(admin, Zip(files));
        deep.ShouldBe(HttpStatusCode.BadRequest);
        var problems = (await deep.ReadHtmlAsync()).QuerySelectorAll("#import-problems li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith(lessonFile, StringComparison.Ordinal) && p.Contains("at most 32 levels", StringComparison.Ordinal));

        files.Remove("course.json");
        var noManifest = await ImportAsync(admin, Zip(files));
        noManifest.ShouldBe(HttpStatusCode.BadRequest);
        var text = (await noManifest.ReadHtmlAsync()).QuerySelector("#import-problems")!.TextContent;
        Assert.Contains("course.json: missing", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("backcourse-import-", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_over_the_course_archives_sections_the_zip_no_longer_has_when_learners_used_them()
    {
        await using var app = await TestApp.StartAsync();
        var (learner, _, _) = await app.SignedInLearnerAsync();
        var admin = await app.AdminBrowserAsync();
        var used = await app.SectionAsync(1, 3);
        var unused = await app.SectionAsync(1, 4);
        await learner.GetPageAsync($"/learn/{used.Slug}");
        var files = Entries(await ExportAsync(admin));
        files.Remove(files.Keys.Single(k => k.EndsWith($"-{used.Slug}.md", StringComparison.Ordinal)));
        files.Remove(files.Keys.Single(k => k.EndsWith($"-{unused.Slug}.md", StringComparison.Ordinal)));
        // Renumber week 1 so the files' order still matches their names.
        var week1 = files.Keys.Where(k => k.StartsWith("weeks/week-1/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var renamed = new Dictionary<string, string>();
        var stems = week1.Select(k => k[..k.LastIndexOf('.')]).Distinct().ToList();
        for (var i = 0; i < stems.Count; i++)
        {
            var newStem = $"weeks/week-1/{i + 1:D2}-{stems[i][(stems[i].IndexOf('-', 13) + 1)..]}";
            foreach (var key in week1.Where(k => k[..k.LastIndexOf('.')] == stems[i]))
            {
                var text = files[key];
                if (key.EndsWith(".md", StringComparison.Ordinal))
                {
                    text = System.Text.RegularExpressions.Regex.Replace(text, @"\norder: \d+\n", $"\norder: {i + 1}\n");
                }
                renamed[newStem + key[key.LastIndexOf('.')..]] = text;
                files.Remove(key);
            }
        }
        foreach (var (key, text) in renamed)
        {
            files[key] = text;
        }

        (await ImportAsync(admin, Zip(files))).ShouldBe(HttpStatusCode.Redirect);

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        Assert.NotNull((await db.Sections.AsNoTracking().SingleAsync(s => s.Id == used.Id)).ArchivedAt);
        Assert.False(await db.Sections.AnyAsync(s => s.Id == unused.Id));
        Assert.Equal(13, await db.Sections.CountAsync(s => s.WeekNumber == 1 && s.IsPublished));
    }
}
