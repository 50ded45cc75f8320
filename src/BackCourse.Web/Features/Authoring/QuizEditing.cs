using System.Text.Json;
using System.Text.Json.Nodes;
using BackCourse.Web.Domain;
using FluentValidation;

namespace BackCourse.Web.Features.Authoring;

/// <summary>The quiz editor's form: the whole quiz, posted at once, plus which button was pressed.</summary>
public sealed class QuizForm
{
    public bool Graded { get; set; } = true;
    public int? PassMarkPercent { get; set; } = 70;
    public List<QuestionForm> Questions { get; set; } = [];

    /// <summary>save, add-question, add-option:Q, remove-question:Q, remove-option:Q:O, up:Q, down:Q.</summary>
    public string? Command { get; set; }

    /// <summary>The section's UpdatedAt when the editor was opened, so a second editor's save is not lost silently.</summary>
    public long Version { get; set; }
}

public sealed class QuestionForm
{
    /// <summary>Stable: learners' answers are stored by question key, so the editor never changes it.</summary>
    public string Key { get; set; } = "";
    public string Type { get; set; } = "single";
    public string? Text { get; set; }
    public string? TeachesIn { get; set; }
    public List<OptionForm> Options { get; set; } = [];
    public int? ScaleMin { get; set; }
    public int? ScaleMax { get; set; }
    public string? MinLabel { get; set; }
    public string? MaxLabel { get; set; }
}

public sealed class OptionForm
{
    /// <summary>Stable, like the question key: past attempts store the ids they chose.</summary>
    public string Id { get; set; } = "";
    public string? Text { get; set; }
    public bool Correct { get; set; }
    public string? Explanation { get; set; }
}

public sealed class QuizFormValidator : AbstractValidator<QuizForm>
{
    public static readonly string[] Types = ["single", "multiple", "truefalse", "rating"];

    public QuizFormValidator()
    {
        RuleFor(f => f.PassMarkPercent).NotNull().WithMessage("Give a pass mark between 1 and 100.")
            .InclusiveBetween(1, 100).WithMessage("Give a pass mark between 1 and 100.")
            .When(f => f.Graded);
        RuleFor(f => f.Questions).NotEmpty().WithMessage("Add at least one question.");
        RuleFor(f => f.Questions).Must(qs => qs.Select(q => q.Key).Distinct(StringComparer.Ordinal).Count() == qs.Count)
            .WithMessage("Two questions share a key; reload the editor and try again.");
        RuleForEach(f => f.Questions).ChildRules(q =>
        {
            q.RuleFor(x => x.Key).NotEmpty().WithMessage("This question has lost its key; reload the editor.");
            q.RuleFor(x => x.Text).NotEmpty().WithMessage("Write the question.")
                .MaximumLength(1000).WithMessage("Keep the question under 1,000 characters.");
            q.RuleFor(x => x.Type).Must(t => Types.Contains(t)).WithMessage("Choose the kind of question.");
            q.RuleFor(x => x.Options).Must(o => o.Count >= 2).WithMessage("Give at least two options.")
                .When(x => x.Type != "rating");
            q.RuleFor(x => x.Options).Must(o => o.Count <= 10).WithMessage("Keep to ten options or fewer.");
            q.RuleForEach(x => x.Options).ChildRules(o =>
            {
                o.RuleFor(x => x.Text).NotEmpty().WithMessage("Write the option's text, or remove the option.")
                    .MaximumLength(500).WithMessage("Keep an option under 500 characters.");
                o.RuleFor(x => x.Explanation).MaximumLength(2000).WithMessage("Keep the explanation under 2,000 characters.");
            }).When(x => x.Type != "rating");
            q.RuleFor(x => x.ScaleMin).NotNull().WithMessage("Give the lowest value of the scale.").When(x => x.Type == "rating");
            q.RuleFor(x => x.ScaleMax).NotNull().WithMessage("Give the highest value of the scale.")
                .GreaterThan(x => x.ScaleMin ?? int.MinValue).WithMessage("The highest value must be above the lowest.")
                .LessThanOrEqualTo(100).WithMessage("Keep the scale to 100 or less.")
                .When(x => x.Type == "rating");
        });
        // A graded question is marked by its ticked options, so it needs one (and only one when single-choice).
        // These errors sit on the question as a whole ("Questions[i]") and read as sentences.
        RuleForEach(f => f.Questions)
            .Must((form, q) => !form.Graded || q.Type == "rating" || q.Options.Any(o => o.Correct))
            .WithMessage((form, q) => $"Question {form.Questions.IndexOf(q) + 1} has no correct answer: tick the right option.")
            .Must((form, q) => !form.Graded || q.Type is not ("single" or "truefalse") || q.Options.Count(o => o.Correct) <= 1)
            .WithMessage((form, q) => $"Question {form.Questions.IndexOf(q) + 1} is single-choice but {q.Options.Count(o => o.Correct)} options are ticked as correct: tick one, or make it a multiple-choice question.");
    }
}

/// <summary>Turns a quiz section's JSON into the editor's form and back, keeping keys and option ids stable.</summary>
public static class QuizDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static QuizForm ToForm(string extrasJson)
    {
        var root = JsonNode.Parse(string.IsNullOrWhiteSpace(extrasJson) ? "{}" : extrasJson) as JsonObject ?? [];
        var form = new QuizForm
        {
            Graded = root["graded"]?.GetValue<bool>() ?? true,
            PassMarkPercent = root["passMarkPercent"]?.GetValue<int>() ?? 70,
        };
        foreach (var q in root["questions"]?.AsArray() ?? [])
        {
            var key = q!["key"]?.GetValue<string>() ?? "";
            var question = new QuestionForm
            {
                Key = key,
                Type = q["type"]?.GetValue<string>()?.ToLowerInvariant() ?? "single",
                Text = q["text"]?.GetValue<string>(),
                TeachesIn = q["teachesIn"]?.GetValue<string>(),
                ScaleMin = q["scale"]?["min"]?.GetValue<int>(),
                ScaleMax = q["scale"]?["max"]?.GetValue<int>(),
                MinLabel = q["scale"]?["minLabel"]?.GetValue<string>(),
                MaxLabel = q["scale"]?["maxLabel"]?.GetValue<string>(),
            };
            foreach (var o in q["options"]?.AsArray() ?? [])
            {
                // An option stored without an id keeps the one the learner pages already use for it (QuizDefinition).
                question.Options.Add(new OptionForm
                {
                    Id = QuizOptionIds.Of(key, o!["id"]?.GetValue<string>(), o["text"]?.GetValue<string>() ?? "", question.Options.Select(x => x.Id)),
                    Text = o["text"]?.GetValue<string>(),
                    Correct = o["correct"]?.GetValue<bool>() ?? false,
                    Explanation = o["explanation"]?.GetValue<string>(),
                });
            }
            form.Questions.Add(question);
        }
        return form;
    }

    public static string ToJson(QuizForm form)
    {
        var questions = new JsonArray();
        foreach (var q in form.Questions)
        {
            var question = new JsonObject { ["key"] = q.Key, ["type"] = q.Type, ["text"] = q.Text?.Trim() ?? "" };
            if (!string.IsNullOrWhiteSpace(q.TeachesIn))
            {
                question["teachesIn"] = q.TeachesIn;
            }
            if (q.Type == "rating")
            {
                question["scale"] = new JsonObject
                {
                    ["min"] = q.ScaleMin ?? 0, ["max"] = q.ScaleMax ?? 10,
                    ["minLabel"] = q.MinLabel?.Trim() ?? "", ["maxLabel"] = q.MaxLabel?.Trim() ?? "",
                };
            }
            else
            {
                question["options"] = new JsonArray([.. q.Options.Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = o.Id, ["text"] = o.Text?.Trim() ?? "", ["correct"] = o.Correct, ["explanation"] = o.Explanation?.Trim() ?? "",
                })]);
            }
            questions.Add(question);
        }
        var root = new JsonObject { ["graded"] = form.Graded, ["passMarkPercent"] = form.PassMarkPercent ?? 70, ["questions"] = questions };
        return root.ToJsonString(Indented);
    }

    /// <summary>Applies an editor button other than save; returns false for an unknown command.</summary>
    public static bool Apply(QuizForm form, string command)
    {
        var parts = command.Split(':');
        int Arg(int i) => parts.Length > i && int.TryParse(parts[i], out var n) ? n : -1;
        var q = Arg(1);
        var question = q >= 0 && q < form.Questions.Count ? form.Questions[q] : null;
        switch (parts[0])
        {
            case "add-question":
                var key = NextKey(form.Questions.Select(x => x.Key), "q");
                form.Questions.Add(new QuestionForm
                {
                    Key = key, Type = "single",
                    Options = [new OptionForm { Id = QuizOptionIds.New() }, new OptionForm { Id = QuizOptionIds.New() }],
                });
                return true;
            case "add-option" when question is not null:
                question.Options.Add(new OptionForm { Id = QuizOptionIds.New() });
                return true;
            case "remove-question" when question is not null:
                form.Questions.RemoveAt(q);
                return true;
            case "remove-option" when question is not null && Arg(2) >= 0 && Arg(2) < question.Options.Count:
                question.Options.RemoveAt(Arg(2));
                return true;
            case "up" when question is not null && q > 0:
            case "down" when question is not null && q < form.Questions.Count - 1:
                var other = parts[0] == "up" ? q - 1 : q + 1;
                (form.Questions[q], form.Questions[other]) = (form.Questions[other], form.Questions[q]);
                return true;
            case "refresh" or "up" or "down" or "add-option" or "remove-question" or "remove-option":
                return true; // nothing to move or remove: the page simply shows again
            default:
                return false;
        }
    }

    internal static string NextKey(IEnumerable<string> used, string prefix)
    {
        var taken = used.ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (taken.Contains($"{prefix}{n}"))
        {
            n++;
        }
        return $"{prefix}{n}";
    }
}
