using BackCourse.Web.Content;
using BackCourse.Web.Domain;

namespace BackCourse.Tests.Content;

/// <summary>The course's quizzes can't be passed by a pattern: not by the first option shown, not by the first id, not by place.</summary>
public sealed class QuizKeyTests
{
    private const int Attempts = 2000;

    private static readonly List<(string Path, QuizDefinition Quiz)> GradedQuizzes =
        [.. CourseSeedReader.Read(CourseSeedReader.DefaultFolder).Sections
            .Where(s => s.Kind == SectionKind.Quiz)
            .Select(s => (s.SourcePath, Quiz: QuizDefinition.Parse(s.ExtrasJson)))
            .Where(x => x.Quiz.Graded)];

    [Fact]
    public void Answering_the_first_option_shown_passes_no_more_often_than_chance()
    {
        Assert.Equal(6, GradedQuizzes.Count);
        var random = new Random(19);
        foreach (var (path, quiz) in GradedQuizzes)
        {
            var passes = 0;
            for (var i = 0; i < Attempts; i++)
            {
                var attemptId = new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16));
                var order = QuizGrader.ShuffleFor(quiz, attemptId);
                var answers = quiz.Questions.Where(q => q.IsGraded)
                    .ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[q.Options[order[q.Key][0]].Id]);
                passes += QuizGrader.Grade(quiz, answers).Passed ? 1 : 0;
            }
            var chance = ChanceOfPassingByFirstOption(quiz);
            var allowed = chance + 4 * Math.Sqrt(chance * (1 - chance) / Attempts) + 0.005;
            Assert.True(passes / (double)Attempts <= allowed,
                $"{path}: the first option shown passed {passes} of {Attempts} attempts; chance is {chance:P1}");
        }
    }

    [Fact]
    public void Answering_by_the_smallest_option_id_passes_no_quiz_and_ids_are_opaque()
    {
        foreach (var (path, quiz) in GradedQuizzes)
        {
            var smallestId = quiz.Questions.Where(q => q.IsGraded).ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[q.Options.Min(o => o.Id)!]);
            // Authors tend to write the right answer first; the ids must not carry that order into the page.
            Assert.True(QuizGrader.Grade(quiz, smallestId).ScorePercent < quiz.PassMarkPercent, $"{path}: the smallest ids pass");
            Assert.All(quiz.Questions.SelectMany(q => q.Options), o => Assert.Matches("^[a-z2-9]{10}$", o.Id));
        }
        var ids = GradedQuizzes.SelectMany(x => x.Quiz.Questions.SelectMany(q => q.Options.Select(o => o.Id))).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>The chance of passing when each question is answered with one option picked at random.</summary>
    private static double ChanceOfPassingByFirstOption(QuizDefinition quiz)
    {
        var graded = quiz.Questions.Where(q => q.IsGraded).ToList();
        // p(k right so far), question by question.
        var p = new double[graded.Count + 1];
        p[0] = 1;
        foreach (var q in graded)
        {
            var correct = q.Options.Count(o => o.Correct);
            var right = correct == 1 ? 1.0 / q.Options.Count : 0;
            for (var k = graded.Count; k >= 0; k--)
            {
                p[k] = p[k] * (1 - right) + (k > 0 ? p[k - 1] * right : 0);
            }
        }
        return Enumerable.Range(0, graded.Count + 1).Where(k => k * 100 >= quiz.PassMarkPercent * graded.Count).Sum(k => p[k]);
    }
}
