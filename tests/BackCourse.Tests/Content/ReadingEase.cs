using System.Text.Json;
using System.Text.RegularExpressions;
using BackCourse.Web.Content;
using Markdig;

namespace BackCourse.Tests.Content;

/// <summary>
/// Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word. 60–70 is plain
/// English, 80 and above easy. Syllables are counted by vowel groups with the usual silent-ending rules, which
/// is within a syllable or so of a dictionary for almost every word; good enough to hold a floor, not to rank.
/// </summary>
public static partial class ReadingEase
{
    public sealed record Score(double Ease, int Words, int Sentences);

    /// <summary>What a learner reads in a section: its body, and the questions, options, explanations and labels of its extras.</summary>
    public static string TextOf(SectionSeed section, bool withExtras)
    {
        var body = Markdown.ToPlainText(section.BodyMarkdown.Replace(Web.Domain.GetHelpNow.Placeholder, "", StringComparison.Ordinal));
        if (!withExtras || string.IsNullOrWhiteSpace(section.ExtrasJson))
        {
            return body;
        }
        using var extras = JsonDocument.Parse(section.ExtrasJson);
        return body + "\n" + string.Join("\n", LearnerFacingStrings(extras.RootElement));
    }

    public static Score Measure(string text)
    {
        // A line that ends without a full stop (a heading, a list item, an option) is a sentence of its own.
        var sentences = SentenceBreak().Split(text).Where(s => Word().IsMatch(s)).ToList();
        var words = sentences.SelectMany(s => Word().Matches(s).Select(m => m.Value)).ToList();
        if (words.Count == 0)
        {
            return new Score(100, 0, 0);
        }
        var syllables = words.Sum(Syllables);
        var ease = 206.835 - 1.015 * words.Count / sentences.Count - 84.6 * syllables / words.Count;
        return new Score(ease, words.Count, sentences.Count);
    }

    public static int Syllables(string word)
    {
        var w = new string([.. word.ToLowerInvariant().Where(char.IsAsciiLetterLower)]);
        if (w.Length <= 3)
        {
            return w.Length == 0 ? 0 : 1;
        }
        w = SilentEnding().Replace(w, "");
        w = w.StartsWith('y') ? w[1..] : w;
        return Math.Max(1, VowelGroup().Count(w));
    }

    private static IEnumerable<string> LearnerFacingStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "text" or "explanation" or "label" or "help" or "minLabel" or "maxLabel"
                        && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    else if (property.Name == "items" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in property.Value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String))
                        {
                            yield return item.GetString()!;
                        }
                    }
                    else
                    {
                        foreach (var s in LearnerFacingStrings(property.Value))
                        {
                            yield return s;
                        }
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var s in element.EnumerateArray().SelectMany(LearnerFacingStrings))
                {
                    yield return s;
                }
                break;
        }
    }

    [GeneratedRegex(@"[.!?]+(?=\s|$)|\n+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’-]*")]
    private static partial Regex Word();

    [GeneratedRegex("(?:[^laeiouy]es|ed|[^laeiouy]e)$")]
    private static partial Regex SilentEnding();

    [GeneratedRegex("[aeiouy]{1,2}")]
    private static partial Regex VowelGroup();
}
