using BackCourse.Web.Content;

namespace BackCourse.Tests.Content;

public sealed class CourseSeedReaderTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("bc-seed-");

    public void Dispose() => folder.Delete(recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(folder.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private void WriteValidCourse()
    {
        Write("course.json", """
            { "slug": "c", "title": "C", "listPriceCents": 1200, "salePriceCents": 900, "currency": "usd",
              "author": { "name": "A" }, "weeks": [ { "number": 1, "title": "W1", "summary": "s" } ] }
            """);
        Write("pages/when-to-see-a-doctor.md", "# When to see a doctor now\n");
        Write("weeks/week-1/01-intro.md", "---\nweek: 1\norder: 1\nkind: Lesson\nslug: intro\ntitle: Intro\nminutes: 3\npreview: true\n---\nHello\n");
    }

    [Fact]
    public void A_valid_folder_reads_into_sections()
    {
        WriteValidCourse();
        var seed = CourseSeedReader.Read(folder.FullName);
        var section = Assert.Single(seed.Sections);
        Assert.Equal(("intro", "Intro", 3, true, "Hello\n"), (section.Slug, section.Title, section.Minutes, section.Preview, section.BodyMarkdown));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_file()
    {
        WriteValidCourse();
        Write("weeks/week-1/02-bad.md", "---\nweek: 2\norder: 7\nkind: Lecture\nslug: Bad Slug\ntitle: Bad\nminutes: x\n---\nBody\n");
        Write("weeks/week-1/03-quiz.md", "---\nweek: 1\norder: 3\nkind: Quiz\nslug: quiz\ntitle: Quiz\nminutes: 3\n---\nBody\n");
        Write("weeks/week-1/04-intro.md", "---\nweek: 1\norder: 4\nkind: Lesson\nslug: intro\ntitle: Again\nminutes: 3\n---\nBody\n");

        var error = Assert.Throws<SeedFormatException>(() => CourseSeedReader.Read(folder.FullName));

        Assert.Contains(error.Problems, p => p.Contains("02-bad.md", StringComparison.Ordinal) && p.Contains("kind 'Lecture'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("slug 'Bad Slug'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'minutes' must be a whole number", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("does not match its folder", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("order 7 does not match", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("needs 03-quiz.json", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("slug 'intro' is used by", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sale_price_above_the_list_price_is_refused()
    {
        WriteValidCourse();
        Write("course.json", """{ "slug": "c", "title": "C", "listPriceCents": 900, "salePriceCents": 1200, "weeks": [ { "number": 1 } ] }""");
        var error = Assert.Throws<SeedFormatException>(() => CourseSeedReader.Read(folder.FullName));
        Assert.Contains(error.Problems, p => p.Contains("sale price", StringComparison.Ordinal));
    }
}
