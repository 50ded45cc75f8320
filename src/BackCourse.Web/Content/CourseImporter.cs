using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Content;

public sealed record ImportResult(bool CourseCreated, int WeeksAdded, int SectionsAdded, int SectionsReplaced, int SectionsArchived = 0, int SectionsDeleted = 0);

/// <summary>
/// Loads a <see cref="CourseSeed"/> into the database. By default it only adds what is missing, so a
/// second import changes nothing and an admin's edits in the app survive; <c>force</c> replaces the
/// course's fields and every seeded section with the files' version. One transaction, one lock.
/// </summary>
public sealed class CourseImporter(AppDbContext db, TimeProvider clock, ILogger<CourseImporter> logger)
{
    private const long ImportLockKey = 0x4261636B496D7074; // "BackImpt"

    /// <param name="removeMissing">
    /// Also take away sections the seed no longer has (an admin's zip import): archived when learners
    /// have worked on them, deleted otherwise.
    /// </param>
    public Task<ImportResult> ImportAsync(CourseSeed seed, bool force, CancellationToken ct = default) =>
        ImportAsync(seed, force, removeMissing: false, ct);

    public async Task<ImportResult> ImportAsync(CourseSeed seed, bool force, bool removeMissing, CancellationToken ct = default)
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
        else if (course.SafetyNoticeMarkdown.Length == 0)
        {
            // Courses imported before the notice's source was kept: the source is what is missing.
            course.SafetyNoticeMarkdown = seed.SafetyNoticeMarkdown;
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
            section.IsPublished = !s.Draft;
            section.ArchivedAt = null;
            section.UpdatedAt = now;
        }
        int archived = 0, deleted = 0;
        if (removeMissing)
        {
            var wanted = seed.Sections.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in sections.Values.Where(s => !wanted.Contains(s.Slug) && s.ArchivedAt is null))
            {
                if (await HasLearnerWorkAsync(gone.Id, ct))
                {
                    gone.ArchivedAt = now;
                    gone.IsPublished = false;
                    gone.IsPreview = false;
                    gone.UpdatedAt = now;
                    archived++;
                }
                else
                {
                    db.Sections.Remove(gone);
                    deleted++;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var result = new ImportResult(created, weeksAdded, added, replaced, archived, deleted);
        logger.LogInformation("Imported course {Slug}: {Result}", manifest.Slug, result);
        return result;
    }

    private async Task<bool> HasLearnerWorkAsync(Guid sectionId, CancellationToken ct) =>
        await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM section_progress WHERE section_id = {sectionId})
                OR EXISTS (SELECT 1 FROM worksheet_answers WHERE section_id = {sectionId})
                OR EXISTS (SELECT 1 FROM quiz_attempts WHERE section_id = {sectionId})
                OR EXISTS (SELECT 1 FROM reflections WHERE section_id = {sectionId})
                OR EXISTS (SELECT 1 FROM feedback_items WHERE section_id = {sectionId})
                OR EXISTS (SELECT 1 FROM section_votes WHERE section_id = {sectionId}) AS "Value"
            """).SingleAsync(ct);

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
        course.SafetyNoticeMarkdown = safetyMarkdown;
        course.SafetyNoticeHtml = MarkdownRenderer.ToHtml(safetyMarkdown);
        course.UpdatedAt = now;
    }
}
