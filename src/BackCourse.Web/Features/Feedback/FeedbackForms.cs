using BackCourse.Web.Features.Learning;
using FluentValidation;

namespace BackCourse.Web.Features.Feedback;

public sealed class SuggestionForm
{
    public string Body { get; set; } = "";
}

public sealed class SuggestionFormValidator : AbstractValidator<SuggestionForm>
{
    public SuggestionFormValidator()
    {
        RuleFor(f => f.Body).NotEmpty().WithMessage("Please write your suggestion first.")
            .MaximumLength(2000).WithMessage("Please keep suggestions under 2000 characters.");
    }
}

public sealed record WeekFeedbackAnswers(IReadOnlyList<FeedbackQuestion> Questions, IReadOnlyDictionary<string, string> Answers)
{
    public Dictionary<string, string> Cleaned() => Questions
        .Where(q => Answers.TryGetValue(q.Key, out var a) && !string.IsNullOrWhiteSpace(a))
        .ToDictionary(q => q.Key, q => Answers[q.Key].Trim());
}

public sealed class WeekFeedbackAnswersValidator : AbstractValidator<WeekFeedbackAnswers>
{
    public WeekFeedbackAnswersValidator()
    {
        RuleFor(f => f).Custom((f, context) =>
        {
            var keys = f.Questions.Select(q => q.Key).ToHashSet();
            if (f.Answers.Keys.Any(k => !keys.Contains(k)))
            {
                context.AddFailure("", "This form had fields we don't recognise. Please reload the page and try again.");
            }
            foreach (var q in f.Questions)
            {
                var key = $"answers[{q.Key}]";
                var value = f.Answers.TryGetValue(q.Key, out var v) ? v?.Trim() ?? "" : "";
                switch (q.Type)
                {
                    case "scale" when value.Length == 0:
                    case "yesno" when value.Length == 0:
                        context.AddFailure(key, "Please choose an answer.");
                        break;
                    case "scale" when !int.TryParse(value, out var n) || n is < 1 or > 5:
                        context.AddFailure(key, "Please choose a number from 1 to 5.");
                        break;
                    case "yesno" when value is not ("yes" or "no"):
                        context.AddFailure(key, "Please choose yes or no.");
                        break;
                    case "text" when value.Length > 2000:
                        context.AddFailure(key, $"Please keep this under 2000 characters (it has {value.Length}).");
                        break;
                }
            }
        });
    }
}
