using System.Text.Json;
using System.Text.RegularExpressions;
using BackCourse.Web.Content;
using BackCourse.Web.Domain;

namespace BackCourse.Tests.Content;

/// <summary>
/// Emergency wording, read the way a learner in pain reads it: every content file (manifest, pages,
/// lessons, quizzes, worksheets), every line that names an emergency sign must say "emergency" and must
/// not soften it ("promptly", "urgent care", "if severe"…), on that line or the next.
/// </summary>
public sealed partial class SafetyWordingTests
{
    private static readonly string Folder = CourseSeedReader.DefaultFolder;

    public static TheoryData<string> ContentFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                     .Where(f => Path.GetFileName(f) != "FORMAT.md")
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Folder, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void Emergency_signs_are_never_named_with_softer_wording(string file)
    {
        var units = Units(Path.Combine(Folder, file));
        var json = file.EndsWith(".json", StringComparison.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < units.Count; i++)
        {
            if (!EmergencySign().IsMatch(units[i]))
            {
                continue;
            }
            // In Markdown the next line counts too (a list item and the sentence after it, a line and the next heading).
            var window = units[i] + " " + (!json && i + 1 < units.Count ? units[i + 1] : "");
            if (Softener().Match(window) is { Success: true } soft)
            {
                problems.Add($"\"{soft.Value}\" next to: {units[i]}");
            }
            if (!EmergencyAction().IsMatch(window))
            {
                problems.Add($"no emergency action with: {units[i]}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void Nausea_is_never_named_without_saying_it_can_be_a_heart_attack(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        if (Nausea().IsMatch(text))
        {
            Assert.Contains("heart attack", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_safety_notice_is_the_one_get_help_now_block()
    {
        var notice = MarkdownRenderer.ToHtml(File.ReadAllText(Path.Combine(Folder, "pages", "when-to-see-a-doctor.md")));
        Assert.Contains(GetHelpNow.Html, notice, StringComparison.Ordinal);
    }

    [Fact]
    public void The_get_help_now_block_gives_every_red_flag_of_the_brief_its_action()
    {
        var block = GetHelpNow.Markdown.ToLowerInvariant();
        foreach (var sign in new[] { "fall or accident", "fever", "swelling", "infection", "weakness", "numbness", "tingling",
                     "bladder or bowel control", "groin", "getting worse", "few weeks", "chest pain", "trouble breathing",
                     "sweating", "nausea", "heart attack", "call your emergency number now", "emergency department today" })
        {
            Assert.Contains(sign, block, StringComparison.Ordinal);
        }
        Assert.Equal(6, GetHelpNow.Flags.Count);
        Assert.DoesNotContain("urgent care", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Lessons_that_list_the_red_flags_show_the_block_itself()
    {
        foreach (var slug in new[] { "red-flags-when-to-see-a-doctor", "when-to-see-a-doctor-about-back-pain", "beyond-the-back-related-effects" })
        {
            var file = Directory.EnumerateFiles(Path.Combine(Folder, "weeks"), "*" + slug + ".md", SearchOption.AllDirectories).Single();
            Assert.Contains(GetHelpNow.Html, MarkdownRenderer.ToHtml(File.ReadAllText(file)), StringComparison.Ordinal);
        }
    }

    /// <summary>Markdown: each line (a paragraph or list item). JSON: each string, an option with its explanation.</summary>
    private static List<string> Units(string path)
    {
        var text = File.ReadAllText(path);
        if (!path.EndsWith(".json", StringComparison.Ordinal))
        {
            return [.. text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim().Length > 0)];
        }
        var units = new List<string>();
        Walk(JsonDocument.Parse(text).RootElement, units);
        return units;
    }

    private static readonly HashSet<string> NotProse = ["key", "type", "teachesIn", "tool", "id", "slug"];

    private static void Walk(JsonElement e, List<string> units)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object when e.TryGetProperty("options", out var options) && e.TryGetProperty("text", out var question):
                // A question is read with its right answers, as the learner meets them.
                units.Add(string.Join(" ", options.EnumerateArray().Where(o => o.GetProperty("correct").GetBoolean())
                    .Select(o => o.GetProperty("text").GetString() + " " + o.GetProperty("explanation").GetString())
                    .Prepend(question.GetString())));
                foreach (var o in options.EnumerateArray())
                {
                    // A wrong option may be soft on purpose ("wait and see"); what the learner is told about it may not.
                    units.Add((o.GetProperty("correct").GetBoolean() ? o.GetProperty("text").GetString() + " " : "") + o.GetProperty("explanation").GetString());
                }
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject().Where(p => !NotProse.Contains(p.Name)))
                {
                    Walk(p.Value, units);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, units);
                }
                break;
            case JsonValueKind.String:
                units.Add(e.GetString()!);
                break;
        }
    }

    [GeneratedRegex(@"chest pain|pain in (the|your) chest|trouble breathing|breathing trouble|short of breath|breathless|bladder|bowel control|groin", RegexOptions.IgnoreCase)]
    private static partial Regex EmergencySign();

    [GeneratedRegex(@"\bemergency\b|\b911\b|\bambulance\b", RegexOptions.IgnoreCase)]
    private static partial Regex EmergencyAction();

    [GeneratedRegex(@"\bpromptly\b|\bprompt attention\b|urgent care|sudden or severe|\bif (it is |they are |it's )?(severe|serious)\b|\bconsider\b|\bmight want\b|\bmay want\b|when you can|keep an eye|wait and see|(book|make) an appointment|next (routine )?appointment|mention it|get (it )?checked|\bdeserves?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Softener();

    [GeneratedRegex(@"\bnausea|\bnauseous|sick to your stomach|feel sick\b", RegexOptions.IgnoreCase)]
    private static partial Regex Nausea();
}
