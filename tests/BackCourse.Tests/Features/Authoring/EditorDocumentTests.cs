using BackCourse.Web.Domain;
using BackCourse.Web.Features.Authoring;
using BackCourse.Web.Features.Learning;

namespace BackCourse.Tests.Features.Authoring;

public sealed class EditorDocumentTests
{
    private const string LegacyQuiz = """
        {"graded": true, "passMarkPercent": 60, "questions": [
          {"key": "q1", "type": "single", "text": "Where?", "teachesIn": "tour",
           "options": [{"text": "Neck", "correct": false, "explanation": "No"}, {"text": "Thoracic", "correct": true, "explanation": "Yes"}]},
          {"key": "r1", "type": "rating", "text": "How bad?", "scale": {"min": 0, "max": 10, "minLabel": "none", "maxLabel": "worst"}}]}
        """;

    [Fact]
    public void A_quiz_without_option_ids_keeps_the_ids_learners_were_shown_through_the_editor()
    {
        var form = QuizDocument.ToForm(LegacyQuiz);
        var saved = QuizDefinition.Parse(QuizDocument.ToJson(form));
        var original = QuizDefinition.Parse(LegacyQuiz);

        Assert.Equal(original.Questions.Select(q => q.Options.Select(o => (o.Id, o.Text, o.Correct)).ToList()),
            saved.Questions.Select(q => q.Options.Select(o => (o.Id, o.Text, o.Correct)).ToList()));
        Assert.Equal(original.Questions[1].Scale, saved.Questions[1].Scale);
        Assert.Equal((60, true), (saved.PassMarkPercent, saved.Graded));
        Assert.Equal("tour", QuizDocument.ToForm(QuizDocument.ToJson(form)).Questions[0].TeachesIn);
    }

    [Fact]
    public void Reordered_options_keep_their_ids_and_a_new_option_gets_an_unused_one()
    {
        var form = QuizDocument.ToForm(LegacyQuiz);
        form.Questions[0].Options.Reverse();
        Assert.True(QuizDocument.Apply(form, "add-option:0"));
        form.Questions[0].Options[2].Text = "Lower back";

        var saved = QuizDefinition.Parse(QuizDocument.ToJson(form));
        var original = QuizDefinition.Parse(LegacyQuiz).Questions[0].Options;

        Assert.Equal([original[1].Id, original[0].Id], saved.Questions[0].Options.Take(2).Select(o => o.Id));
        Assert.DoesNotContain(saved.Questions[0].Options[2].Id, original.Select(o => o.Id));
        Assert.Matches("^[a-z2-9]{10}$", saved.Questions[0].Options[2].Id);
        Assert.True(saved.Questions[0].Options[0].Correct);
    }

    [Fact]
    public void New_questions_get_unused_keys_and_row_commands_move_and_remove()
    {
        var form = QuizDocument.ToForm(LegacyQuiz);
        QuizDocument.Apply(form, "add-question");
        QuizDocument.Apply(form, "up:2");
        Assert.Equal(["q1", "q2", "r1"], form.Questions.Select(q => q.Key));
        QuizDocument.Apply(form, "remove-question:0");
        Assert.Equal(["q2", "r1"], form.Questions.Select(q => q.Key));
        Assert.True(QuizDocument.Apply(form, "down:1")); // already last: shown again unchanged
        Assert.False(QuizDocument.Apply(form, "explode"));
    }

    [Theory]
    [InlineData("single", 0, "has no correct answer")]
    [InlineData("single", 2, "is single-choice but 2 options")]
    [InlineData("truefalse", 2, "is single-choice but 2 options")]
    [InlineData("multiple", 0, "has no correct answer")]
    public void The_quiz_rules_refuse_questions_that_cannot_be_marked(string type, int correct, string message)
    {
        var form = QuizDocument.ToForm(LegacyQuiz);
        form.Questions[0].Type = type;
        form.Questions[0].Options[0].Correct = correct >= 1;
        form.Questions[0].Options[1].Correct = correct >= 2;

        var errors = new QuizFormValidator().Validate(form).Errors;

        Assert.Contains(errors, e => e.PropertyName == "Questions[0]" && e.ErrorMessage.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_ungraded_quiz_needs_no_correct_answers_and_multiple_choice_may_have_several()
    {
        var form = QuizDocument.ToForm(LegacyQuiz);
        form.Questions[0].Type = "multiple";
        form.Questions[0].Options[0].Correct = true;
        Assert.True(new QuizFormValidator().Validate(form).IsValid);
        form.Graded = false;
        form.Questions[0].Options[0].Correct = false;
        form.Questions[0].Options[1].Correct = false;
        Assert.True(new QuizFormValidator().Validate(form).IsValid);
    }

    [Fact]
    public void Checklist_items_written_as_strings_keep_their_place_keys_and_move_with_them_once_edited()
    {
        var form = ItemsDocument.ToForm(SectionKind.Tool, """{"tool": "checklist", "items": ["Chair height", "Screen at eye level"]}""");
        Assert.Equal(["item-1", "item-2"], form.Items.Select(i => i.Key));
        ItemsDocument.Apply(form, "down:0");
        ItemsDocument.Apply(form, "add");
        form.Items[2].Text = "Feet flat";

        var fields = SectionExtras.Fields(ItemsDocument.ToJson(form));

        Assert.Equal([("item-2", "Screen at eye level"), ("item-1", "Chair height"), ("item-3", "Feet flat")], fields.Select(f => (f.Key, f.Label)));
    }

    [Theory]
    [InlineData("Ice & Heat: 101", "ice-heat-101")]
    [InlineData("  Week 2 — quiz ", "week-2-quiz")]
    public void Slugs_made_from_titles_follow_the_rules(string title, string slug)
    {
        Assert.Equal(slug, SlugRules.From(title));
    }

    [Fact]
    public void Only_real_images_are_recognised_by_their_first_bytes()
    {
        Assert.True(MediaLibrary.IsStoredName("0123456789abcdef0123456789abcdef.png"));
        Assert.False(MediaLibrary.IsStoredName("../0123456789abcdef0123456789abcdef.png"));
        Assert.False(MediaLibrary.IsStoredName("0123456789abcdef0123456789abcdef.svg"));
        Assert.Equal(["0123456789abcdef0123456789abcdef.jpg"], MediaLibrary.ReferencedIn("see ![x](/media/0123456789abcdef0123456789abcdef.jpg) and /media/nope.png"));
    }
}
