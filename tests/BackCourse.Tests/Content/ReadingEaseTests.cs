using BackCourse.Web.Content;

namespace BackCourse.Tests.Content;

/// <summary>The course is written for someone in pain and tired: plain English (Flesch reading ease 60 or more) in every section.</summary>
public sealed class ReadingEaseTests
{
    private const double Floor = 60;

    // Below about fifty words one long sentence decides the score; such sections are still read as part of the whole section.
    private const int FewestWordsToScoreABody = 50;

    private static readonly CourseSeed Seed = CourseSeedReader.Read(CourseSeedReader.DefaultFolder);

    [Fact]
    public void Every_section_with_its_questions_and_labels_reads_at_60_or_more()
    {
        var hard = Seed.Sections
            .Select(s => (s.SourcePath, Score: ReadingEase.Measure(ReadingEase.TextOf(s, withExtras: true))))
            .Where(x => x.Score.Words > 0 && x.Score.Ease < Floor)
            .Select(x => $"{x.SourcePath}: {x.Score.Ease:F1}")
            .ToList();
        Assert.True(hard.Count == 0, "reads below 60: " + string.Join("; ", hard));
    }

    [Fact]
    public void Every_section_body_reads_at_60_or_more()
    {
        var scored = Seed.Sections
            .Select(s => (s.SourcePath, Score: ReadingEase.Measure(ReadingEase.TextOf(s, withExtras: false))))
            .Where(x => x.Score.Words >= FewestWordsToScoreABody)
            .ToList();
        Assert.True(scored.Count >= 85, $"only {scored.Count} bodies were long enough to score");
        var hard = scored.Where(x => x.Score.Ease < Floor).Select(x => $"{x.SourcePath}: {x.Score.Ease:F1}").ToList();
        Assert.True(hard.Count == 0, "reads below 60: " + string.Join("; ", hard));
    }

    [Fact]
    public void The_whole_course_reads_at_70_or_more()
    {
        var all = string.Join("\n", Seed.Sections.Select(s => ReadingEase.TextOf(s, withExtras: true)));
        Assert.True(ReadingEase.Measure(all).Ease >= 70, $"the course reads at {ReadingEase.Measure(all).Ease:F1}");
    }

    [Fact]
    public void A_plain_sentence_scores_above_the_floor_and_a_dense_one_below()
    {
        Assert.True(ReadingEase.Measure("Stand up. Roll your shoulders back. Take a slow breath and let it out.").Ease > 80);
        Assert.True(ReadingEase.Measure(
            "Pharmacological management of chronic musculoskeletal discomfort necessitates individualised consideration of " +
            "contraindications, concomitant medications and gastrointestinal vulnerability.").Ease < 10);
    }

    [Theory]
    [InlineData("back", 1)]
    [InlineData("stretch", 1)]
    [InlineData("muscle", 2)]
    [InlineData("shoulder", 2)]
    [InlineData("posture", 2)]
    [InlineData("exercise", 3)]
    [InlineData("physiotherapist", 5)]
    [InlineData("inflammation", 4)]
    public void Syllables_are_counted_close_to_a_dictionary(string word, int syllables) =>
        Assert.InRange(ReadingEase.Syllables(word), syllables - 1, syllables);
}
