using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackCourse.Web.Domain;

public enum QuestionType
{
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    Rating,
}

public sealed record QuizOption(string Id, string Text, bool Correct, string Explanation);

public sealed record RatingScale(int Min, int Max, string MinLabel, string MaxLabel);

public sealed record QuizQuestion(string Key, QuestionType Type, string Text, IReadOnlyList<QuizOption> Options, RatingScale? Scale)
{
    public bool IsGraded => Type != QuestionType.Rating;

    /// <summary>
    /// The current id of an option named in a stored answer. Attempts answered before options had opaque ids name
    /// an option by its place (<c>key.0</c>); those still read as that option. A new submission must use the ids
    /// themselves (<see cref="QuizGrader.Check"/>), so a place is never a way to pick an answer.
    /// </summary>
    public string CurrentIdOf(string chosen)
    {
        if (Options.Any(o => o.Id == chosen))
        {
            return chosen;
        }
        return chosen.StartsWith(Key + ".", StringComparison.Ordinal)
            && int.TryParse(chosen.AsSpan(Key.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var place)
            && place < Options.Count
                ? Options[place].Id
                : chosen;
    }
}

/// <summary>
/// A quiz as its section's JSON describes it. The browser only ever sends option ids, never answers.
/// An option's id is its stored <c>id</c>: random letters that say nothing of its place or whether it is right
/// (the seed and the quiz editor write one, so reordering options keeps past attempts meaning the same). An
/// option without one is known by a hash of its question and its text, which the page shows anyway; never by
/// its place, since authors tend to write the right answer first (issue 19).
/// </summary>
public sealed record QuizDefinition(bool Graded, int PassMarkPercent, IReadOnlyList<QuizQuestion> Questions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static QuizDefinition Parse(string extrasJson)
    {
        var raw = JsonSerializer.Deserialize<RawQuiz>(extrasJson, Json) ?? new RawQuiz();
        var questions = (raw.Questions ?? []).Select(q => new QuizQuestion(
            q.Key ?? "",
            ParseType(q.Type),
            q.Text ?? "",
            OptionsOf(q),
            q.Scale is null ? null : new RatingScale(q.Scale.Min, q.Scale.Max, q.Scale.MinLabel ?? "", q.Scale.MaxLabel ?? ""))).ToList();
        return new QuizDefinition(raw.Graded ?? true, raw.PassMarkPercent ?? 70, questions);
    }

    private static List<QuizOption> OptionsOf(RawQuestion q)
    {
        var options = new List<QuizOption>();
        foreach (var o in q.Options ?? [])
        {
            var id = QuizOptionIds.Of(q.Key ?? "", o.Id, o.Text ?? "", options.Select(x => x.Id));
            options.Add(new QuizOption(id, o.Text ?? "", o.Correct, o.Explanation ?? ""));
        }
        return options;
    }

    private static QuestionType ParseType(string? type) => type?.ToLowerInvariant() switch
    {
        "single" => QuestionType.SingleChoice,
        "multiple" => QuestionType.MultipleChoice,
        "truefalse" => QuestionType.TrueFalse,
        "rating" => QuestionType.Rating,
        _ => throw new FormatException($"Unknown question type '{type}'."),
    };

    private sealed class RawQuiz
    {
        public bool? Graded { get; set; }
        public int? PassMarkPercent { get; set; }
        public List<RawQuestion>? Questions { get; set; }
    }

    private sealed class RawQuestion
    {
        public string? Key { get; set; }
        public string? Type { get; set; }
        public string? Text { get; set; }
        public List<RawOption>? Options { get; set; }
        public RawScale? Scale { get; set; }
    }

    private sealed class RawOption
    {
        public string? Id { get; set; }
        public string? Text { get; set; }
        public bool Correct { get; set; }
        public string? Explanation { get; set; }
    }

    private sealed class RawScale
    {
        public int Min { get; set; }
        public int Max { get; set; } = 10;
        public string? MinLabel { get; set; }
        public string? MaxLabel { get; set; }
    }
}

public sealed record QuestionResult(QuizQuestion Question, IReadOnlyList<string> Chosen, bool? Correct);

public sealed record QuizResult(IReadOnlyList<QuestionResult> Questions, int CorrectCount, int GradedCount, int ScorePercent, bool Passed);

/// <summary>
/// Grading from the stored answer key only. A multiple-choice question is right only when exactly the
/// correct options are chosen; rating items have no right answer and do not count towards the score.
/// </summary>
public static class QuizGrader
{
    public static QuizResult Grade(QuizDefinition quiz, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        var results = quiz.Questions.Select(q =>
        {
            var chosen = answers.TryGetValue(q.Key, out var a) ? a : [];
            if (!q.IsGraded)
            {
                return new QuestionResult(q, chosen, null);
            }
            chosen = [.. chosen.Select(q.CurrentIdOf)];
            var correct = q.Options.Where(o => o.Correct).Select(o => o.Id).ToHashSet();
            return new QuestionResult(q, chosen, correct.SetEquals(chosen));
        }).ToList();
        var graded = results.Count(r => r.Correct is not null);
        var right = results.Count(r => r.Correct == true);
        var score = graded == 0 ? 100 : (int)Math.Round(right * 100.0 / graded, MidpointRounding.AwayFromZero);
        // Passing compares exact fractions, so a rounded-up score never passes by rounding alone.
        var passed = !quiz.Graded || right * 100 >= quiz.PassMarkPercent * graded;
        return new QuizResult(results, right, graded, score, passed);
    }

    /// <summary>Problems with a submission, keyed by question; empty when it can be graded.</summary>
    public static Dictionary<string, string> Check(QuizDefinition quiz, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        var problems = new Dictionary<string, string>();
        var keys = quiz.Questions.Select(q => q.Key).ToHashSet();
        foreach (var unknown in answers.Keys.Where(k => !keys.Contains(k)))
        {
            problems[unknown] = "That answer doesn't belong to this quiz.";
        }
        foreach (var q in quiz.Questions)
        {
            var chosen = answers.TryGetValue(q.Key, out var a) ? a.Where(v => !string.IsNullOrWhiteSpace(v)).ToList() : [];
            if (chosen.Count == 0)
            {
                problems[q.Key] = "Please answer this question.";
                continue;
            }
            if (q.Type == QuestionType.Rating)
            {
                if (chosen.Count != 1 || !int.TryParse(chosen[0], out var value) || value < (q.Scale?.Min ?? 0) || value > (q.Scale?.Max ?? 10))
                {
                    problems[q.Key] = $"Please choose a number from {q.Scale?.Min ?? 0} to {q.Scale?.Max ?? 10}.";
                }
                continue;
            }
            var ids = q.Options.Select(o => o.Id).ToHashSet();
            if (chosen.Any(c => !ids.Contains(c)) || chosen.Distinct().Count() != chosen.Count)
            {
                problems[q.Key] = "That answer isn't one of this question's options. Please choose again.";
            }
            else if (q.Type != QuestionType.MultipleChoice && chosen.Count != 1)
            {
                problems[q.Key] = "Please choose one answer.";
            }
        }
        return problems;
    }

    /// <summary>
    /// An attempt's option order for each question (Fisher–Yates), worked out from the attempt's id: nothing
    /// is stored until the attempt is answered, so a reload, or another app node, must arrive at the same order.
    /// The generator is written out here (SplitMix64) because <see cref="Random"/>'s seeded sequence may change
    /// between .NET versions.
    /// </summary>
    public static Dictionary<string, int[]> ShuffleFor(QuizDefinition quiz, Guid attemptId)
    {
        Span<byte> bytes = stackalloc byte[16];
        attemptId.TryWriteBytes(bytes);
        var state = BitConverter.ToUInt64(bytes[..8]) ^ BitConverter.ToUInt64(bytes[8..]);
        return quiz.Questions.ToDictionary(q => q.Key, q =>
        {
            var order = Enumerable.Range(0, q.Options.Count).ToArray();
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = (int)(Next(ref state) % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            return order;
        });
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
