using BackCourse.Web.Features.Learning;

namespace BackCourse.Tests.Features.Learning;

public sealed class WorksheetSubmissionTests
{
    private static readonly WorksheetField[] Fields =
    [
        new("where", "Where does it hurt?", "textarea", null),
        new("level", "Pain today", "scale", null),
        new("done", "I did my stretches", "checkbox", null),
    ];

    private static FluentValidation.Results.ValidationResult Validate(Dictionary<string, string> answers) =>
        new WorksheetSubmissionValidator().Validate(new WorksheetSubmission(Fields, answers));

    [Fact]
    public void Valid_answers_pass_and_are_cleaned()
    {
        var answers = new Dictionary<string, string> { ["where"] = "  between the shoulder blades ", ["level"] = "4", ["done"] = "on" };
        Assert.True(Validate(answers).IsValid);
        Assert.Equal(new Dictionary<string, string> { ["where"] = "between the shoulder blades", ["level"] = "4", ["done"] = "true" },
            new WorksheetSubmission(Fields, answers).Cleaned());
    }

    [Fact]
    public void A_scale_outside_0_to_10_is_refused_next_to_its_field()
    {
        var failure = Assert.Single(Validate(new() { ["level"] = "11" }).Errors);
        Assert.Equal(("answers[level]", "\"Pain today\": please choose a whole number from 0 to 10."), (failure.PropertyName, failure.ErrorMessage));
    }

    [Fact]
    public void An_overlong_answer_is_refused_with_its_length()
    {
        var failure = Assert.Single(Validate(new() { ["where"] = new string('a', 4001) }).Errors);
        Assert.Contains("under 4000 characters (you wrote 4001)", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_the_worksheet_does_not_have_are_refused() =>
        Assert.False(Validate(new() { ["admin"] = "true" }).IsValid);
}
