using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class QuizGraderTests
{
    private static readonly QuizDefinition Quiz = QuizDefinition.Parse("""
        {
          "graded": true, "passMarkPercent": 70,
          "questions": [
            { "key": "one", "type": "single", "text": "Pick B", "options": [
                { "text": "A", "correct": false, "explanation": "no" },
                { "text": "B", "correct": true, "explanation": "yes" },
                { "text": "C", "correct": false, "explanation": "no" } ] },
            { "key": "many", "type": "multiple", "text": "Pick A and C", "options": [
                { "text": "A", "correct": true, "explanation": "yes" },
                { "text": "B", "correct": false, "explanation": "no" },
                { "text": "C", "correct": true, "explanation": "yes" } ] },
            { "key": "tf", "type": "truefalse", "text": "True?", "options": [
                { "text": "True", "correct": true, "explanation": "yes" },
                { "text": "False", "correct": false, "explanation": "no" } ] },
            { "key": "feel", "type": "rating", "text": "How do you feel?", "scale": { "min": 0, "max": 10, "minLabel": "bad", "maxLabel": "good" } }
          ]
        }
        """);

    // Answers are written here by place ("one.1": question one's second option) and sent as that option's id.
    private static Dictionary<string, IReadOnlyList<string>> Answers(string one, string[] many, string tf, string feel = "5") => new()
    {
        ["one"] = [Id(one)],
        ["many"] = [.. many.Select(Id)],
        ["tf"] = [Id(tf)],
        ["feel"] = [feel],
    };

    private static string Id(string place)
    {
        var dot = place.LastIndexOf('.');
        var question = Quiz.Questions.SingleOrDefault(q => q.Key == place[..Math.Max(dot, 0)]);
        return question is not null && int.TryParse(place[(dot + 1)..], out var n) && n < question.Options.Count
            ? question.Options[n].Id
            : place;
    }

    [Fact]
    public void All_right_scores_100_and_rating_items_do_not_count()
    {
        var result = QuizGrader.Grade(Quiz, Answers("one.1", ["many.0", "many.2"], "tf.0"));
        Assert.Equal((3, 3, 100, true), (result.CorrectCount, result.GradedCount, result.ScorePercent, result.Passed));
        Assert.Null(result.Questions.Single(q => q.Question.Key == "feel").Correct);
    }

    [Theory]
    [InlineData("many.0")]
    [InlineData("many.0", "many.1", "many.2")]
    [InlineData("many.1")]
    public void Multiple_choice_is_right_only_with_exactly_the_correct_options(params string[] chosen)
    {
        var result = QuizGrader.Grade(Quiz, Answers("one.1", chosen, "tf.0"));
        Assert.False(result.Questions.Single(q => q.Question.Key == "many").Correct);
    }

    [Fact]
    public void The_order_options_were_chosen_in_does_not_matter() =>
        Assert.True(QuizGrader.Grade(Quiz, Answers("one.1", ["many.2", "many.0"], "tf.0")).Questions.Single(q => q.Question.Key == "many").Correct);

    [Fact]
    public void Two_of_three_is_67_percent_and_fails_a_70_percent_pass_mark()
    {
        var result = QuizGrader.Grade(Quiz, Answers("one.0", ["many.0", "many.2"], "tf.0"));
        Assert.Equal((2, 67, false), (result.CorrectCount, result.ScorePercent, result.Passed));
    }

    [Fact]
    public void An_ungraded_self_assessment_always_passes_once_answered()
    {
        var selfAssessment = QuizDefinition.Parse("""{ "graded": false, "questions": [ { "key": "p", "type": "rating", "text": "Pain?", "scale": { "min": 0, "max": 10 } } ] }""");
        var result = QuizGrader.Grade(selfAssessment, new Dictionary<string, IReadOnlyList<string>> { ["p"] = ["7"] });
        Assert.True(result.Passed);
        Assert.Equal(0, result.GradedCount);
    }

    [Fact]
    public void A_complete_valid_submission_has_no_problems() =>
        Assert.Empty(QuizGrader.Check(Quiz, Answers("one.1", ["many.0"], "tf.1")));

    [Fact]
    public void Unanswered_questions_are_named()
    {
        var problems = QuizGrader.Check(Quiz, new Dictionary<string, IReadOnlyList<string>> { ["one"] = [Id("one.1")] });
        Assert.Equal(new[] { "feel", "many", "tf" }, problems.Keys.Order());
        Assert.All(problems.Values, p => Assert.Equal("Please answer this question.", p));
    }

    [Theory]
    [InlineData("one", "many.0")]      // an option of another question
    [InlineData("one", "other-quiz.1")] // an option of another quiz
    [InlineData("tf", "tf.7")]         // an option that does not exist
    public void Option_ids_that_do_not_belong_to_the_question_are_refused(string question, string optionId)
    {
        var answers = Answers("one.1", ["many.0"], "tf.0");
        answers[question] = [optionId];
        Assert.Contains("isn't one of this question's options", QuizGrader.Check(Quiz, answers)[question], StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_named_by_its_place_is_refused_in_a_new_answer_but_still_read_in_a_stored_one()
    {
        var byPlace = new Dictionary<string, IReadOnlyList<string>> { ["one"] = ["one.1"], ["many"] = ["many.0", "many.2"], ["tf"] = ["tf.0"], ["feel"] = ["5"] };

        Assert.Equal(["many", "one", "tf"], QuizGrader.Check(Quiz, byPlace).Keys.Order());
        Assert.Equal(100, QuizGrader.Grade(Quiz, byPlace).ScorePercent);
    }

    [Fact]
    public void Option_ids_say_nothing_of_place_or_correctness()
    {
        var ids = Quiz.Questions.SelectMany(q => q.Options.Select(o => o.Id)).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-z2-9]{10}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The same text under the same question key gives the same id whatever its place, so a reorder changes nothing.
        var reordered = QuizDefinition.Parse("""{ "questions": [ { "key": "one", "type": "single", "text": "Pick B", "options": [ { "text": "C" }, { "text": "B", "correct": true }, { "text": "A" } ] } ] }""");
        Assert.Equal(Quiz.Questions[0].Options.Select(o => o.Id).Order(), reordered.Questions[0].Options.Select(o => o.Id).Order());
    }

    [Fact]
    public void Two_answers_to_a_single_choice_question_are_refused()
    {
        var answers = Answers("one.1", ["many.0"], "tf.0");
        answers["one"] = [Id("one.0"), Id("one.1")];
        Assert.Equal("Please choose one answer.", QuizGrader.Check(Quiz, answers)["one"]);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("seven")]
    public void A_rating_outside_its_scale_is_refused(string value) =>
        Assert.Equal("Please choose a number from 0 to 10.", QuizGrader.Check(Quiz, Answers("one.1", ["many.0"], "tf.0", value))["feel"]);

    [Fact]
    public void A_question_key_from_elsewhere_is_refused()
    {
        var answers = Answers("one.1", ["many.0"], "tf.0");
        answers["injected"] = ["x"];
        Assert.True(QuizGrader.Check(Quiz, answers).ContainsKey("injected"));
    }

    [Fact]
    public void Shuffling_gives_each_question_a_permutation_of_its_options()
    {
        var order = QuizGrader.ShuffleFor(Quiz, Guid.CreateVersion7());
        Assert.Equal([0, 1, 2], order["one"].Order());
        Assert.Equal([0, 1], order["tf"].Order());
        Assert.Empty(order["feel"]);
    }

    [Fact]
    public void An_attempt_id_always_gives_the_same_order_and_different_ids_give_different_orders()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(QuizGrader.ShuffleFor(Quiz, id)["one"], QuizGrader.ShuffleFor(Quiz, Guid.Parse(id.ToString()))["one"]);

        // Three options have six orders; over 200 ids each should turn up, none far more often than the rest.
        var seen = Enumerable.Range(0, 200).Select(_ => string.Join(",", QuizGrader.ShuffleFor(Quiz, Guid.CreateVersion7())["one"]))
            .GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, seen.Count);
        Assert.All(seen.Values, count => Assert.InRange(count, 10, 70));
    }

    [Fact]
    public void The_order_for_an_id_is_fixed_across_releases()
    {
        // Pinned: an attempt page reloaded across a deploy must not reshuffle.
        var order = QuizGrader.ShuffleFor(Quiz, Guid.Parse("01a1fec8-5115-7a75-adfc-fd9d20396541"));
        Assert.Equal(PinnedOrder, string.Join(",", order["one"]) + "|" + string.Join(",", order["many"]) + "|" + string.Join(",", order["tf"]));
    }

    private const string PinnedOrder = "1,2,0|0,1,2|0,1";

    [Fact]
    public void Grading_depends_on_option_ids_not_on_the_order_shown()
    {
        // Whatever order the options were shown in, the same ids grade the same way.
        var first = QuizGrader.Grade(Quiz, Answers("one.1", ["many.0", "many.2"], "tf.0"));
        var second = QuizGrader.Grade(Quiz, Answers("one.1", ["many.2", "many.0"], "tf.0"));
        Assert.Equal(first.ScorePercent, second.ScorePercent);
    }
}
