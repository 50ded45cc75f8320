using FluentValidation;

namespace BackCourse.Web.Features.Learning;

/// <summary>A learner's worksheet (or checklist) answers, checked against the section's own fields.</summary>
public sealed record WorksheetSubmission(IReadOnlyList<WorksheetField> Fields, IReadOnlyDictionary<string, string> Answers)
{
    /// <summary>Only the section's own fields are kept, trimmed; unticked checkboxes are simply absent.</summary>
    public Dictionary<string, string> Cleaned() => Fields
        .Where(f => Answers.TryGetValue(f.Key, out var v) && !string.IsNullOrWhiteSpace(v))
        .ToDictionary(f => f.Key, f => f.Type == "checkbox" ? "true" : Answers[f.Key].Trim());
}

public sealed class WorksheetSubmissionValidator : AbstractValidator<WorksheetSubmission>
{
    public WorksheetSubmissionValidator()
    {
        RuleFor(s => s).Custom((submission, context) =>
        {
            var known = submission.Fields.Select(f => f.Key).ToHashSet();
            if (submission.Answers.Keys.Any(k => !known.Contains(k)))
            {
                context.AddFailure("", "This form had fields we don't recognise. Please reload the page and try again.");
            }
            foreach (var field in submission.Fields)
            {
                if (!submission.Answers.TryGetValue(field.Key, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }
                var key = $"answers[{field.Key}]";
                value = value.Trim();
                switch (field.Type)
                {
                    case "scale" when !int.TryParse(value, out var n) || n is < 0 or > 10:
                        context.AddFailure(key, $"\"{field.Label}\": please choose a whole number from 0 to 10.");
                        break;
                    case "number" when !decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) || Math.Abs(d) > 100_000:
                        context.AddFailure(key, $"\"{field.Label}\": please enter a number.");
                        break;
                    case "checkbox" when value is not ("true" or "on"):
                        context.AddFailure(key, $"\"{field.Label}\": tick the box or leave it empty.");
                        break;
                    default:
                        if (value.Length > field.MaxLength)
                        {
                            context.AddFailure(key, $"\"{field.Label}\": please keep this under {field.MaxLength} characters (you wrote {value.Length}).");
                        }
                        break;
                }
            }
        });
    }
}
