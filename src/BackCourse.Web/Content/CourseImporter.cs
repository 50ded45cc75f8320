using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Content;

public sealed record ImportResult(bool CourseCreated, int WeeksAdded, int SectionsAdded, int SectionsReplaced);

/// <summary>
/// Loads a <see cref="CourseSeed"/> into the database. By default it only adds what is missing, so a
/// second import changes nothing and an admin's edits in the app survive; <c>force</c> replaces the
/// course's fields and every seeded section with the files' version. One transaction, one lock.
/// </summary>
public sealed class CourseImporter(AppDbContext db, TimeProvider clock, ILogger<CourseImporter> logger)
{
    private const long ImportLockKey = 0x4261636B496D7074; // "BackImpt"

    public async Task<ImportResult> ImportAsync(CourseSeed seed, bool force, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", ct);

        var manifest = seed.Manifest;
        var course = await db.Courses.Include(c => c.Weeks).SingleOrDefaultAsync(c => c.Slug == manifest.Slug, ct);
        var created = course is null;
        if (course is null)
        {
            course = new Course { Id = Guid.CreateVersion7(), Slug = manifest.Slug, CreatedAt = now };
            db.Courses.Add(course);
        }
        if (created || force)
        {
            Apply(course, manifest, seed.SafetyNoticeMarkdown, now);
        }

        var weeksAdded = 0;
        foreach (var week in manifest.Weeks)
        {
            var existing = course.Weeks.SingleOrDefault(w => w.Number == week.Number);
            if (existing is null)
            {
                course.Weeks.Add(new Week { Id = Guid.CreateVersion7(), CourseId = course.Id, Number = week.Number, Title = week.Title, Summary = week.Summary });
                weeksAdded++;
            }
            else if (force)
            {
                existing.Title = week.Title;
                existing.Summary = week.Summary;
            }
        }
        // Sections reference weeks by (course, number), which EF does not know about: weeks go first.
        await db.SaveChangesAsync(ct);

        var sections = await db.Sections.Where(s => s.CourseId == course.Id).ToDictionaryAsync(s => s.Slug, ct);
        int added = 0, replaced = 0;
        foreach (var s in seed.Sections)
        {
            if (!sections.TryGetValue(s.Slug, out var section))
            {
                section = new Section { Id = Guid.CreateVersion7(), CourseId = course.Id, Slug = s.Slug };
                db.Sections.Add(section);
                added++;
            }
            else if (force)
            {
                replaced++;
            }
            else
            {
                continue;
            }
            section.WeekNumber = s.Week;
            section.Position = s.Order;
            section.Kind = s.Kind;
            section.Title = s.Title;
            section.Summary = s.Summary;
            section.Minutes = s.Minutes;
            section.BodyMarkdown = s.BodyMarkdown;
            section.BodyHtml = MarkdownRenderer.ToHtml(s.BodyMarkdown);
            section.ExtrasJson = s.ExtrasJson;
            section.IsPreview = s.Preview;
            section.IsPublished = true;
            section.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var result = new ImportResult(created, weeksAdded, added, replaced);
        logger.LogInformation("Imported course {Slug}: {Result}", manifest.Slug, result);
        return result;
    }

    private static void Apply(Course course, CourseManifest m, string safetyMarkdown, DateTimeOffset now)
    {
        course.Title = m.Title;
        course.Subtitle = m.Subtitle;
        course.DescriptionMarkdown = m.Description;
        course.DescriptionHtml = MarkdownRenderer.ToHtml(m.Description);
        course.AuthorName = m.Author.Name;
        course.AuthorCredentials = m.Author.Credentials;
        course.AuthorBio = m.Author.Bio;
        course.ListPriceCents = m.ListPriceCents;
        course.SalePriceCents = m.SalePriceCents;
        course.Currency = m.Currency;
        course.NotMedicalAdvice = m.NotMedicalAdvice;
        course.WhatYouWillLearn = [.. m.WhatYouWillLearn];
        course.FaqJson = System.Text.Json.JsonSerializer.Serialize(m.Faq, CourseSeedReader.Json);
        course.SafetyNoticeHtml = MarkdownRenderer.ToHtml(safetyMarkdown);
        course.UpdatedAt = now;
    }
}
