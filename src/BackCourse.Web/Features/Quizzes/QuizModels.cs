using BackCourse.Web.Domain;

namespace BackCourse.Web.Features.Quizzes;

public sealed record AttemptPageModel(
    Section Section,
    QuizDefinition Quiz,
    QuizAttempt Attempt,
    IReadOnlyDictionary<string, int[]> Order,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Chosen,
    IReadOnlyDictionary<string, string> Problems)
{
    public IEnumerable<QuizOption> OptionsInOrder(QuizQuestion q) =>
        Order.TryGetValue(q.Key, out var order) && order.Length == q.Options.Count
            ? order.Select(i => q.Options[i])
            : q.Options;
}

public sealed record ResultsPageModel(
    Section Section,
    QuizDefinition Quiz,
    QuizAttempt Attempt,
    QuizResult Result,
    IReadOnlyDictionary<string, int[]> Order,
    IReadOnlyList<QuizAttempt> History)
{
    public int BestScore => History.Where(a => a.ScorePercent is not null).Select(a => a.ScorePercent!.Value).DefaultIfEmpty(0).Max();

    public IEnumerable<QuizOption> OptionsInOrder(QuizQuestion q) =>
        Order.TryGetValue(q.Key, out var order) && order.Length == q.Options.Count
            ? order.Select(i => q.Options[i])
            : q.Options;
}
