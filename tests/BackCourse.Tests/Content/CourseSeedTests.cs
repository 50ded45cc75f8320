using System.Text.Json;
using BackCourse.Web.Content;
using BackCourse.Web.Domain;

namespace BackCourse.Tests.Content;

/// <summary>The course files themselves: what the advert promises, and what quizzes will rely on.</summary>
public sealed class CourseSeedTests
{
    private static readonly CourseSeed Seed = CourseSeedReader.Read(CourseSeedReader.DefaultFolder);

    [Fact]
    public void The_course_has_exactly_92_sections_in_6_weeks()
    {
        Assert.Equal(92, Seed.Sections.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], Seed.Manifest.Weeks.Select(w => w.Number));
        Assert.Equal([15, 15, 15, 15, 16, 16], Seed.Sections.GroupBy(s => s.Week).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Every_kind_appears_in_every_week()
    {
        foreach (var week in Seed.Sections.GroupBy(s => s.Week))
        {
            var kinds = week.Select(s => s.Kind).ToHashSet();
            Assert.True(Enum.GetValues<SectionKind>().All(kinds.Contains), $"week {week.Key} lacks {string.Join(", ", Enum.GetValues<SectionKind>().Where(k => !kinds.Contains(k)))}");
        }
    }

    [Fact]
    public void Each_week_has_one_graded_quiz_of_5_to_10_questions_whose_answers_a_lesson_of_that_week_teaches()
    {
        foreach (var week in Seed.Sections.GroupBy(s => s.Week))
        {
            var graded = week.Where(s => s.Kind == SectionKind.Quiz && Json(s).GetProperty("graded").GetBoolean()).ToList();
            var quiz = Assert.Single(graded);
            var questions = Json(quiz).GetProperty("questions").EnumerateArray().ToList();
            Assert.InRange(questions.Count, 5, 10);
            var teachingSlugs = week.Where(s => s.Kind is SectionKind.Lesson or SectionKind.Tip).Select(s => s.Slug).ToHashSet();
            foreach (var q in questions)
            {
                var text = q.GetProperty("text").GetString();
                Assert.Contains(q.GetProperty("teachesIn").GetString()!, teachingSlugs);
                var options = q.GetProperty("options").EnumerateArray().ToList();
                Assert.True(options.Count >= 2, text);
                Assert.All(options, o => Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("explanation").GetString()), text));
                var correct = options.Count(o => o.GetProperty("correct").GetBoolean());
                Assert.True(correct >= 1, $"no correct option: {text}");
                if (q.GetProperty("type").GetString() is "single" or "truefalse")
                {
                    Assert.True(correct == 1, $"single-answer question with {correct} correct options: {text}");
                }
            }
        }
    }

    [Fact]
    public void The_self_assessment_is_the_same_in_week_1_and_week_6()
    {
        var start = Seed.Sections.Single(s => s.Slug == "self-assessment-start");
        var end = Seed.Sections.Single(s => s.Slug == "self-assessment-end");
        Assert.Equal((1, 6), (start.Week, end.Week));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(Json(start).GetProperty("questions").GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(Json(end).GetProperty("questions").GetRawText())));
    }

    [Fact]
    public void The_free_preview_opens_the_welcome_and_a_real_lesson_tip_and_tool_of_week_1()
    {
        var previews = Seed.Sections.Where(s => s.Preview).ToList();
        Assert.Equal((1, 1, SectionKind.Lesson), (previews[0].Week, previews[0].Order, previews[0].Kind));
        var teaching = previews.Skip(1).ToList();
        Assert.All(previews, s => Assert.Equal(1, s.Week));
        Assert.Equal([SectionKind.Lesson, SectionKind.Tip, SectionKind.Tool], teaching.Select(s => s.Kind).Order());
        Assert.DoesNotContain(teaching, s => s.Slug.Contains("welcome", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sprains in the brain")]
    [InlineData("a simple message")]
    [InlineData("quick smoking")]
    [InlineData("reduce blood clots")]
    [InlineData("bedridden permanently")]
    [InlineData("get your back scanned")]
    public void The_seed_articles_errors_are_not_repeated_as_advice(string error)
    {
        var offenders = Seed.Sections
            .Where(s => s.BodyMarkdown.Contains(error, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.SourcePath);
        Assert.Empty(offenders);
    }

    [Fact]
    public void Prices_are_12_dollars_listed_and_9_on_sale()
    {
        Assert.Equal((1200, 900, "usd"), (Seed.Manifest.ListPriceCents, Seed.Manifest.SalePriceCents, Seed.Manifest.Currency));
    }

    [Fact]
    public void The_safety_notice_names_every_red_flag()
    {
        var notice = MarkdownRenderer.ToHtml(Seed.SafetyNoticeMarkdown).ToLowerInvariant();
        foreach (var flag in new[] { "fall or accident", "fever", "numbness", "bladder or bowel", "chest pain", "breathing", "weeks" })
        {
            Assert.Contains(flag, notice, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_lesson_that_mentions_symptoms_points_to_the_doctor_notice_somewhere_in_its_week()
    {
        foreach (var week in Seed.Sections.GroupBy(s => s.Week))
        {
            Assert.Contains(week, s => s.BodyMarkdown.Contains("When to see a doctor now", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void In_at_most_a_quarter_of_single_answer_questions_is_the_right_option_the_longest()
    {
        // A learner must not be able to pass by picking the longest answer. A tie counts as longest.
        var questions = Seed.Sections.Where(s => s.Kind == SectionKind.Quiz && Json(s).GetProperty("graded").GetBoolean())
            .SelectMany(s => Json(s).GetProperty("questions").EnumerateArray().Where(q => q.GetProperty("type").GetString() == "single")
                .Select(q => (Quiz: s.Slug, Key: q.GetProperty("key").GetString(), Options: q.GetProperty("options").EnumerateArray()
                    .Select(o => (Length: o.GetProperty("text").GetString()!.Length, Correct: o.GetProperty("correct").GetBoolean())).ToList())))
            .ToList();
        var byLength = questions
            .Where(q => q.Options.Single(o => o.Correct).Length >= q.Options.Where(o => !o.Correct).Max(o => o.Length))
            .Select(q => $"{q.Quiz}/{q.Key}").ToList();
        Assert.True(questions.Count >= 20, $"{questions.Count} single-answer questions");
        Assert.True(byLength.Count * 4 <= questions.Count,
            $"the right option is the longest in {byLength.Count} of {questions.Count}: {string.Join(", ", byLength)}");
    }

    [Fact]
    public void Every_single_answer_option_has_its_own_feedback()
    {
        // Each option explains itself: a learner who picks a wrong one learns why it is wrong, not a shared "No".
        foreach (var quiz in Seed.Sections.Where(s => s.Kind == SectionKind.Quiz && Json(s).GetProperty("graded").GetBoolean()))
        {
            foreach (var q in Json(quiz).GetProperty("questions").EnumerateArray().Where(q => q.GetProperty("type").GetString() == "single"))
            {
                var options = q.GetProperty("options").EnumerateArray().ToList();
                Assert.All(options, o => Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("explanation").GetString())));
                Assert.Equal(options.Count, options.Select(o => o.GetProperty("explanation").GetString()).Distinct().Count());
            }
        }
    }

    [Fact]
    public void No_two_sections_share_a_paragraph()
    {
        // A paragraph (a line of Markdown: a paragraph or a list item) of eight words or more counts as shared
        // when most of its five-word runs appear in one paragraph of another section: a copy with a word changed
        // is still a copy. The get-help-now block is pulled in by its placeholder and is not counted.
        var paragraphs = Seed.Sections.Select(s => (s.SourcePath, Paragraphs: s.BodyMarkdown.Split('\n')
            .Select(Words).Where(w => w.Length >= 8).Select(Runs).ToList())).ToList();
        var shared = new List<string>();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            for (var j = i + 1; j < paragraphs.Count; j++)
            {
                foreach (var a in paragraphs[i].Paragraphs)
                {
                    foreach (var b in paragraphs[j].Paragraphs)
                    {
                        if ((double)a.Intersect(b).Count() / Math.Min(a.Count, b.Count) >= 0.8)
                        {
                            shared.Add($"{paragraphs[i].SourcePath} and {paragraphs[j].SourcePath}: \"{string.Join(' ', a.First())}…\"");
                        }
                    }
                }
            }
        }
        Assert.True(shared.Count == 0, string.Join("\n", shared));
    }

    private static string[] Words(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line.ToLowerInvariant(), "[^a-z0-9 ]+", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static HashSet<string> Runs(string[] words) =>
        [.. Enumerable.Range(0, words.Length - 4).Select(i => string.Join(' ', words[i..(i + 5)]))];

    private static JsonElement Json(SectionSeed s) => JsonDocument.Parse(s.ExtrasJson).RootElement;
}
