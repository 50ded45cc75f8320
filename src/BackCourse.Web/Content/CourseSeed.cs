using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackCourse.Web.Domain;

namespace BackCourse.Web.Content;

/// <summary>The course as read from <c>seed/</c>: a manifest, one Markdown file per section, JSON extras.</summary>
public sealed record CourseSeed(CourseManifest Manifest, string SafetyNoticeMarkdown, IReadOnlyList<SectionSeed> Sections);

public sealed record SectionSeed(
    int Week, int Order, SectionKind Kind, string Slug, string Title, string Summary, int Minutes,
    bool Preview, string BodyMarkdown, string ExtrasJson, string SourcePath, bool Draft = false);

public sealed class CourseManifest
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Subtitle { get; set; } = "";
    public string Description { get; set; } = "";
    public AuthorManifest Author { get; set; } = new();
    public int ListPriceCents { get; set; }
    public int SalePriceCents { get; set; }
    public string Currency { get; set; } = "usd";
    public string NotMedicalAdvice { get; set; } = "";
    public List<string> WhatYouWillLearn { get; set; } = [];
    public List<FaqItem> Faq { get; set; } = [];
    public List<WeekManifest> Weeks { get; set; } = [];
}

public sealed class AuthorManifest
{
    public string Name { get; set; } = "";
    public string Credentials { get; set; } = "";
    public string Bio { get; set; } = "";
}

public sealed class WeekManifest
{
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
}

public sealed class SeedFormatException(IReadOnlyList<string> problems)
    : Exception("The course files have problems:\n- " + string.Join("\n- ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Reads and checks a seed folder; every problem found is reported at once, with its file.</summary>
public static class CourseSeedReader
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "seed");

    /// <summary>How many sections may be open to visitors: enough to judge the course, not to take it free.</summary>
    public const int MaxPreviewSections = 4;

    public static CourseSeed Read(string folder)
    {
        var problems = new List<string>();
        var manifestPath = Path.Combine(folder, "course.json");
        CourseManifest? manifest = null;
        if (!File.Exists(manifestPath))
        {
            // Named as in the zip, never by where it was unpacked on the server.
            problems.Add("course.json: missing");
        }
        else
        {
            try
            {
                manifest = JsonSerializer.Deserialize<CourseManifest>(File.ReadAllText(manifestPath), Json);
            }
            catch (JsonException ex)
            {
                problems.Add($"course.json: {ex.Message}");
            }
        }

        var safetyPath = Path.Combine(folder, "pages", "when-to-see-a-doctor.md");
        var safety = File.Exists(safetyPath) ? File.ReadAllText(safetyPath) : "";
        if (safety.Length == 0)
        {
            problems.Add("pages/when-to-see-a-doctor.md: missing or empty");
        }

        var sections = new List<SectionSeed>();
        var weeksFolder = Path.Combine(folder, "weeks");
        if (Directory.Exists(weeksFolder))
        {
            foreach (var file in Directory.EnumerateFiles(weeksFolder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var section = ReadSection(folder, file, problems);
                if (section is not null)
                {
                    sections.Add(section);
                }
            }
        }
        else
        {
            problems.Add("weeks/: missing");
        }

        if (manifest is not null)
        {
            problems.AddRange(CheckCourse(manifest, sections));
        }
        if (problems.Count > 0)
        {
            throw new SeedFormatException(problems);
        }
        return new CourseSeed(manifest!, safety, [.. sections.OrderBy(s => s.Week).ThenBy(s => s.Order)]);
    }

    private static SectionSeed? ReadSection(string root, string file, List<string> problems)
    {
        var name = Path.GetRelativePath(root, file);
        var text = File.ReadAllText(file).ReplaceLineEndings("\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            problems.Add($"{name}: must start with front matter between --- lines");
            return null;
        }
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            problems.Add($"{name}: front matter is not closed with ---");
            return null;
        }
        var front = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text[4..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problems.Add($"{name}: front matter line '{line}' is not 'key: value'");
                continue;
            }
            front[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = text[(end + 5)..].Trim() + "\n";

        string Get(string key)
        {
            if (front.TryGetValue(key, out var value) && value.Length > 0)
            {
                return value;
            }
            problems.Add($"{name}: front matter needs '{key}'");
            return "";
        }
        int GetInt(string key)
        {
            var raw = Get(key);
            if (raw.Length > 0 && !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{name}: '{key}' must be a whole number");
                return 0;
            }
            return raw.Length == 0 ? 0 : int.Parse(raw, CultureInfo.InvariantCulture);
        }

        var week = GetInt("week");
        var order = GetInt("order");
        var kindText = Get("kind");
        if (!Enum.TryParse<SectionKind>(kindText, ignoreCase: false, out var kind) && kindText.Length > 0)
        {
            problems.Add($"{name}: kind '{kindText}' is not one of {string.Join(", ", Enum.GetNames<SectionKind>())}");
        }
        var slug = Get("slug");
        if (slug.Length > 0 && !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add($"{name}: slug '{slug}' may use only a-z, 0-9 and -");
        }

        var folderName = Path.GetFileName(Path.GetDirectoryName(file));
        if (folderName != $"week-{week}")
        {
            problems.Add($"{name}: week {week} does not match its folder '{folderName}'");
        }
        if (!Path.GetFileName(file).StartsWith($"{order:D2}-", StringComparison.Ordinal))
        {
            problems.Add($"{name}: order {order} does not match the file name prefix");
        }

        var extrasPath = Path.ChangeExtension(file, ".json");
        var extras = "{}";
        if (File.Exists(extrasPath))
        {
            extras = File.ReadAllText(extrasPath);
            try
            {
                // Strict, as PostgreSQL's jsonb is: no comments, no trailing commas.
                using var _ = JsonDocument.Parse(extras);
            }
            catch (JsonException ex)
            {
                problems.Add($"{Path.GetRelativePath(root, extrasPath)}: {ex.Message}");
            }
        }
        else if (kind is SectionKind.Quiz or SectionKind.Reflection or SectionKind.Worksheet or SectionKind.Feedback or SectionKind.Tool)
        {
            problems.Add($"{name}: a {kind} section needs {Path.GetFileName(extrasPath)} beside it");
        }

        return new SectionSeed(week, order, kind, slug, Get("title"), front.GetValueOrDefault("summary", ""), GetInt("minutes"),
            front.TryGetValue("preview", out var preview) && preview == "true", body, extras, name,
            front.TryGetValue("draft", out var draft) && draft == "true");
    }

    private static IEnumerable<string> CheckCourse(CourseManifest manifest, List<SectionSeed> sections)
    {
        if (string.IsNullOrWhiteSpace(manifest.Slug) || string.IsNullOrWhiteSpace(manifest.Title))
        {
            yield return "course.json: slug and title are required";
        }
        if (manifest.SalePriceCents > manifest.ListPriceCents || manifest.SalePriceCents < 0)
        {
            yield return "course.json: the sale price must be between 0 and the list price";
        }
        var weekNumbers = manifest.Weeks.Select(w => w.Number).ToHashSet();
        foreach (var section in sections.Where(s => !weekNumbers.Contains(s.Week)))
        {
            yield return $"{section.SourcePath}: week {section.Week} is not in course.json";
        }
        foreach (var duplicate in sections.GroupBy(s => s.Slug).Where(g => g.Count() > 1))
        {
            yield return $"slug '{duplicate.Key}' is used by {string.Join(", ", duplicate.Select(s => s.SourcePath))}";
        }
        foreach (var clash in sections.GroupBy(s => (s.Week, s.Order)).Where(g => g.Count() > 1))
        {
            yield return $"week {clash.Key.Week} has two sections at order {clash.Key.Order}";
        }
        // The free preview lets a visitor judge the teaching: a few real week 1 sections, never work that is
        // kept or graded (a quiz, worksheet, reflection or feedback would have nowhere to go).
        if (sections.Count(s => s.Preview) > MaxPreviewSections)
        {
            yield return $"at most {MaxPreviewSections} sections may be free previews";
        }
        foreach (var s in sections.Where(s => s.Preview && (s.Week != 1 || s.Kind is not (SectionKind.Lesson or SectionKind.Tip or SectionKind.Tool))))
        {
            yield return $"{s.SourcePath}: only week 1 lessons, tips and tools can be free previews";
        }
    }
}
