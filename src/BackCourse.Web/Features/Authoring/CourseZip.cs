using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackCourse.Web.Content;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Authoring;

/// <summary>
/// The whole course as a zip in the seed format (<c>seed/FORMAT.md</c>), and back. Files are written
/// normalised and in a fixed order with fixed dates, so exporting an imported export gives the same bytes.
/// </summary>
public sealed partial class CourseZip(AppDbContext db, CourseImporter importer, MediaLibrary media)
{
    // Readable text in the files (é, “quotes”), not \u escapes; these files are never put into HTML as they are.
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private static readonly JsonWriterOptions IndentedWriter = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly DateTimeOffset FixedDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int MaxEntries = 5_000;
    private const long MaxUnpackedBytes = 200_000_000;

    public async Task<(string FileName, byte[] Zip)?> ExportAsync(CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (course is null)
        {
            return null;
        }
        var weeks = await db.Weeks.AsNoTracking().Where(w => w.CourseId == course.Id).OrderBy(w => w.Number).ToListAsync(ct);
        var sections = await db.Sections.AsNoTracking().Where(s => s.CourseId == course.Id && s.ArchivedAt == null)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position).ToListAsync(ct);

        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["course.json"] = Utf8(JsonSerializer.Serialize(Manifest(course, weeks), ManifestJson) + "\n"),
            ["pages/when-to-see-a-doctor.md"] = Utf8(course.SafetyNoticeMarkdown.Trim() + "\n"),
        };
        foreach (var week in sections.GroupBy(s => s.WeekNumber))
        {
            var order = 0;
            foreach (var s in week)
            {
                order++;
                var stem = $"weeks/week-{s.WeekNumber}/{order:D2}-{s.Slug}";
                files[stem + ".md"] = Utf8(SectionFile(s, order));
                if (NeedsSidecar(s))
                {
                    files[stem + ".json"] = Utf8(Indent(s.ExtrasJson) + "\n");
                }
            }
        }
        var texts = sections.Select(s => s.BodyMarkdown).Append(course.DescriptionMarkdown).Append(course.SafetyNoticeMarkdown);
        foreach (var name in texts.SelectMany(MediaLibrary.ReferencedIn).Distinct())
        {
            if (media.Find(name) is { } file)
            {
                files["media/" + name] = await File.ReadAllBytesAsync(file.Path, ct);
            }
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedDate;
                await using var stream = await entry.OpenAsync(ct);
                await stream.WriteAsync(bytes, ct);
            }
        }
        return ($"{course.Slug}-course.zip", buffer.ToArray());
    }

    /// <summary>Checks the whole zip first; imports in one transaction only when nothing is wrong.</summary>
    public async Task<(ImportResult? Result, IReadOnlyList<string> Problems)> ImportAsync(Stream upload, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "backcourse-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            var problems = await UnpackAsync(upload, folder, ct);
            if (problems.Count > 0)
            {
                return (null, problems);
            }
            CourseSeed seed;
            try
            {
                seed = CourseSeedReader.Read(folder);
            }
            catch (SeedFormatException ex)
            {
                return (null, ex.Problems);
            }
            problems.AddRange(ContentProblems(seed));
            var existing = await db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).Select(c => c.Slug).FirstOrDefaultAsync(ct);
            if (existing is not null && existing != seed.Manifest.Slug)
            {
                problems.Add($"course.json: this zip is for the course \"{seed.Manifest.Slug}\", but this site's course is \"{existing}\".");
            }
            var images = new List<(string Name, byte[] Bytes)>();
            var mediaFolder = Path.Combine(folder, "media");
            var mediaFiles = Directory.Exists(mediaFolder) ? Directory.GetFiles(mediaFolder) : [];
            foreach (var file in mediaFiles.Order(StringComparer.Ordinal))
            {
                images.Add((Path.GetFileName(file), await File.ReadAllBytesAsync(file, ct)));
            }
            if (problems.Count > 0)
            {
                return (null, problems);
            }
            foreach (var (name, bytes) in images)
            {
                // Images first: an extra unreferenced file is harmless, a lesson pointing at a missing one is not.
                var (stored, problem) = await media.SaveAsync(bytes, ct);
                if (problem is not null || stored!.Name != name)
                {
                    return (null, [$"media/{name}: {problem ?? "the file is not the image its name says (names are a hash of the content)"}"]);
                }
            }
            return (await importer.ImportAsync(seed, force: true, removeMissing: true, ct), []);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The same rules the editors apply before publishing, so an import can't bring in what the editors refuse.</summary>
    private static IEnumerable<string> ContentProblems(CourseSeed seed)
    {
        foreach (var s in seed.Sections.Where(s => !s.Draft))
        {
            var section = new Section { Kind = s.Kind, BodyMarkdown = s.BodyMarkdown, ExtrasJson = s.ExtrasJson };
            IReadOnlyList<string> problems;
            try
            {
                problems = CourseStructure.PublishProblems(section);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                problems = [$"its JSON does not have the expected shape ({ex.Message})"];
            }
            if (MarkdownRenderer.NestingProblem(s.BodyMarkdown) is { } nesting)
            {
                problems = [.. problems, nesting];
            }
            foreach (var problem in problems)
            {
                yield return $"{s.SourcePath}: {problem}";
            }
        }
    }

    private static async Task<List<string>> UnpackAsync(Stream upload, string folder, CancellationToken ct)
    {
        var problems = new List<string>();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(upload, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return ["The file is not a zip archive. Export the course from this page to see the expected layout."];
        }
        using (zip)
        {
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count > MaxEntries)
            {
                return [$"The zip holds {entries.Count:N0} files; a course has far fewer. Is it the right file?"];
            }
            // A zip of the seed folder itself has everything one folder down: accept that too.
            var prefix = entries.Any(e => e.FullName == "course.json") ? ""
                : entries.Select(e => e.FullName.Split('/')[0] + "/").Distinct().SingleOrDefault(p => entries.Any(e => e.FullName == p + "course.json")) ?? "";
            long unpacked = 0;
            foreach (var entry in entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (!name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    problems.Add($"{name}: not part of the course layout");
                    continue;
                }
                name = name[prefix.Length..];
                if (!AllowedName().IsMatch(name) && !(name.StartsWith("media/", StringComparison.Ordinal) && MediaLibrary.IsStoredName(name[6..])))
                {
                    problems.Add($"{name}: not part of the course layout (course.json, pages/when-to-see-a-doctor.md, weeks/week-N/NN-slug.md and .json, media/)");
                    continue;
                }
                var path = Path.GetFullPath(Path.Combine(folder, name));
                if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    problems.Add($"{name}: not part of the course layout");
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var source = await entry.OpenAsync(ct);
                await using var target = File.Create(path);
                var chunk = new byte[81920];
                int read;
                // Counted as it is read: the sizes a zip declares can lie.
                while ((read = await source.ReadAsync(chunk, ct)) > 0)
                {
                    unpacked += read;
                    if (unpacked > MaxUnpackedBytes)
                    {
                        return ["The zip unpacks to more than 200 MB; a course is much smaller. Is it the right file?"];
                    }
                    await target.WriteAsync(chunk.AsMemory(0, read), ct);
                }
            }
        }
        return problems;
    }

    private static CourseManifest Manifest(Course course, List<Week> weeks) => new()
    {
        Slug = course.Slug,
        Title = course.Title,
        Subtitle = course.Subtitle,
        Description = course.DescriptionMarkdown,
        Author = new AuthorManifest { Name = course.AuthorName, Credentials = course.AuthorCredentials, Bio = course.AuthorBio },
        ListPriceCents = course.ListPriceCents,
        SalePriceCents = course.SalePriceCents,
        Currency = course.Currency,
        NotMedicalAdvice = course.NotMedicalAdvice,
        WhatYouWillLearn = course.WhatYouWillLearn,
        Faq = JsonSerializer.Deserialize<List<FaqItem>>(course.FaqJson, CourseSeedReader.Json) ?? [],
        Weeks = [.. weeks.Select(w => new WeekManifest { Number = w.Number, Title = w.Title, Summary = w.Summary })],
    };

    private static string SectionFile(Section s, int order)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"week: {s.WeekNumber}\norder: {order}\nkind: {s.Kind}\nslug: {s.Slug}\ntitle: {OneLine(s.Title)}\n");
        text.Append(CultureInfo.InvariantCulture, $"summary: {OneLine(s.Summary)}\nminutes: {s.Minutes}\n");
        if (s.IsPreview)
        {
            text.Append("preview: true\n");
        }
        if (!s.IsPublished)
        {
            text.Append("draft: true\n");
        }
        text.Append("---\n\n");
        text.Append(s.BodyMarkdown.ReplaceLineEndings("\n").Trim());
        text.Append('\n');
        return text.ToString();
    }

    private static bool NeedsSidecar(Section s) =>
        s.Kind is SectionKind.Quiz or SectionKind.Reflection or SectionKind.Worksheet or SectionKind.Feedback or SectionKind.Tool
        || !IsEmptyObject(s.ExtrasJson);

    private static bool IsEmptyObject(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return doc.RootElement.ValueKind == JsonValueKind.Object && !doc.RootElement.EnumerateObject().Any();
    }

    private static string Indent(string json)
    {
        using var doc = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, IndentedWriter))
        {
            doc.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [GeneratedRegex(@"^(course\.json|pages/when-to-see-a-doctor\.md|weeks/week-\d{1,2}/\d{2}-[a-z0-9-]{1,120}\.(md|json))$")]
    private static partial Regex AllowedName();
}
