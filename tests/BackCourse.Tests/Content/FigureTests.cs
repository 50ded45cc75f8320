using System.Text.RegularExpressions;
using System.Xml.Linq;
using BackCourse.Web.Content;
using BackCourse.Web.Domain;

namespace BackCourse.Tests.Content;

/// <summary>Pictures for every movement: the project's own SVG line drawings, each described well enough to follow unseen.</summary>
public sealed partial class FigureTests
{
    private static readonly CourseSeed Seed = CourseSeedReader.Read(CourseSeedReader.DefaultFolder);
    private static readonly string Figures = Path.Combine(CourseSeedReader.DefaultFolder, "figures");

    /// <summary>Lessons and tips that teach a stretch, exercise, lifting technique, posture or desk set-up.</summary>
    [GeneratedRegex(@"stretch|exercise|yoga|strength|warming up|warm-up|posture|lift|desk|chair|screen|sleep position|driving|car seat|massage with a ball|self-massage|backpack|phone|chores|gardening|routine|reset", RegexOptions.IgnoreCase)]
    private static partial Regex TeachesAMovement();

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\((?<src>[^)\s]+)\)")]
    private static partial Regex Image();

    private static IEnumerable<(SectionSeed Section, string Alt, string Src)> Images() =>
        Seed.Sections.SelectMany(s => Image().Matches(s.BodyMarkdown).Select(m => (s, m.Groups["alt"].Value, m.Groups["src"].Value)));

    [Fact]
    public void Every_lesson_that_teaches_a_movement_has_a_picture()
    {
        var movementLessons = Seed.Sections
            .Where(s => s.Kind is SectionKind.Lesson or SectionKind.Tip && TeachesAMovement().IsMatch(s.Title))
            // Overviews that name a movement without teaching one: the lessons they point to carry the pictures.
            .Where(s => s.Slug is not ("tip-link-stretches-to-daily-cues" or "lifting-overuse-and-overwork" or "exercise-weight-smoking-and-sleep"))
            .ToList();
        Assert.True(movementLessons.Count >= 15, $"{movementLessons.Count} movement lessons");
        var without = movementLessons.Where(s => !Image().IsMatch(s.BodyMarkdown)).Select(s => s.SourcePath).ToList();
        Assert.True(without.Count == 0, "no picture in: " + string.Join(", ", without));
    }

    [Fact]
    public void Every_picture_has_alt_text_that_describes_the_movement()
    {
        var images = Images().ToList();
        Assert.True(images.Count >= 15, $"{images.Count} pictures");
        foreach (var (section, alt, src) in images)
        {
            // Enough words to follow the movement without seeing it, not "image" or a file name.
            Assert.True(alt.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 15, $"{section.SourcePath}: alt text too short for {src}: \"{alt}\"");
        }
    }

    [Fact]
    public void Every_picture_is_one_of_the_projects_own_svg_line_drawings_and_scales()
    {
        var files = Directory.GetFiles(Figures, "*.svg");
        Assert.True(files.Length >= 15, $"{files.Length} drawings");
        foreach (var (section, _, src) in Images())
        {
            Assert.StartsWith("/figures/", src, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Figures, src["/figures/".Length..])), $"{section.SourcePath}: {src} is missing from seed/figures");
        }
        foreach (var file in files)
        {
            var svg = XDocument.Load(file).Root!;
            Assert.Equal("svg", svg.Name.LocalName);
            Assert.False(string.IsNullOrWhiteSpace((string?)svg.Attribute("viewBox")), $"{file}: a viewBox lets it scale on a phone");
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.Contains(svg.Elements(), e => e.Name.LocalName == "title" && e.Value.Length > 0);
            Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "foreignObject" or "image");
            Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal) || a.Name.LocalName == "href");
        }
        var unused = files.Select(Path.GetFileName).Except(Images().Select(i => i.Src["/figures/".Length..])).ToList();
        Assert.True(unused.Count == 0, "drawings no lesson shows: " + string.Join(", ", unused));
    }
}
