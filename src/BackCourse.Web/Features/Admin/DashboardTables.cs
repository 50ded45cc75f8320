using System.Globalization;
using System.Text;

namespace BackCourse.Web.Features.Admin;

/// <summary>A chart's numbers: shown under the chart as a table and downloaded as CSV, from the same rows.</summary>
public sealed record DashboardTable(string Chart, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string FileName(DashboardPeriod period) => $"backcourse-{Chart}-{period.Iso(period.From)}-to-{period.Iso(period.To)}.csv";

    /// <summary>RFC 4180 CSV with a header row; text that a spreadsheet would run as a formula is defused.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        foreach (var row in Rows.Prepend(Columns))
        {
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>The dashboard's charts as tables; the keys are the <c>chart</c> values of <c>/admin/dashboard.csv</c>.</summary>
public static class DashboardTables
{
    public const string Enrolments = "enrolments";
    public const string Revenue = "revenue";
    public const string Funnel = "funnel";
    public const string Quizzes = "quizzes";
    public const string Questions = "questions";
    public const string Helpfulness = "helpfulness";

    public static readonly IReadOnlyList<string> Charts = [Enrolments, Revenue, Funnel, Quizzes, Questions, Helpfulness];

    /// <summary>The one chart's table, queried on its own; null for a chart that does not exist.</summary>
    public static async Task<DashboardTable?> ForChartAsync(CourseDashboard dashboard, Domain.Course course, string? chart, DashboardPeriod period, CancellationToken ct)
    {
        switch (chart)
        {
            case Enrolments:
                return ForEnrolments(await dashboard.Sales.EnrolmentsAsync(course.Id, period, ct));
            case Revenue:
                return ForRevenue(await dashboard.Sales.RevenueAsync(course.Id, period, ct), course.Currency);
            case Funnel:
                var (cohort, steps) = await dashboard.Funnel.ReadAsync(course.Id, period, ct);
                return ForFunnel(cohort, steps);
            case Quizzes:
                return ForQuizzes(await dashboard.Quizzes.PassRatesAsync(course.Id, period, ct));
            case Questions:
                return ForQuestions(await dashboard.Quizzes.HardestQuestionsAsync(course.Id, period, QuizResults.HardestCount, ct));
            case Helpfulness:
                return ForHelpfulness(await dashboard.HelpfulnessAsync(period, ct));
            default:
                return null;
        }
    }

    public static DashboardTable ForEnrolments(IReadOnlyList<DayCount> days) =>
        new(Enrolments, "Enrolments per day (UTC)", ["Day", "Enrolments"],
            [.. days.Select(d => Row(Iso(d.Day), N(d.Count)))]);

    public static DashboardTable ForRevenue(IReadOnlyList<DayRevenue> days, string currency)
    {
        var c = currency.ToUpperInvariant();
        return new(Revenue, $"Revenue per day (UTC), in {c}", ["Day", $"Gross ({c})", $"Refunds ({c})", $"Net ({c})"],
            [.. days.Select(d => Row(Iso(d.Day), Amount(d.GrossCents), Amount(d.RefundCents), Amount(d.NetCents)))]);
    }

    public static DashboardTable ForFunnel(int cohort, IReadOnlyList<WeekFunnelStep> steps) =>
        new(Funnel, "Learners who enrolled in the period, and how many have completed each week", ["Step", "Learners", "Share of enrolled (%)"],
            [Row("Enrolled", N(cohort), N(cohort == 0 ? 0 : 100)),
             .. steps.Select(s => Row($"Completed week {s.Week}", N(s.Learners), N(SvgCharts.Percent(s.Learners, cohort))))]);

    public static DashboardTable ForQuizzes(IReadOnlyList<QuizPassRate> quizzes) =>
        new(Quizzes, "Quiz pass rates (attempts submitted in the period)", ["Week", "Quiz", "Submitted", "Passed", "Pass rate (%)"],
            [.. quizzes.Select(q => Row(N(q.Week), q.Title, N(q.Submitted), N(q.Passed), q.Submitted == 0 ? "" : N(SvgCharts.Percent(q.Passed, q.Submitted))))]);

    public static DashboardTable ForQuestions(IReadOnlyList<HardQuestion> questions) =>
        new(Questions, "Hardest questions (lowest share answered right, attempts submitted in the period)",
            ["Week", "Quiz", "Question", "Answered", "Correct", "Correct (%)"],
            [.. questions.Select(q => Row(N(q.Week), q.Quiz, q.Question, N(q.Answered), N(q.Correct), N(SvgCharts.Percent(q.Correct, q.Answered))))]);

    public static DashboardTable ForHelpfulness(IReadOnlyList<HelpfulnessRow> rows) =>
        new(Helpfulness, "Was this helpful? Votes cast or changed in the period, per section", ["Week", "Section", "Helpful", "Not helpful", "Helpful (%)"],
            [.. rows.Select(h => Row(N(h.Week), h.Title, N(h.Yes), N(h.No), N(SvgCharts.Percent(h.Yes, h.Yes + h.No))))]);

    private static string[] Row(params string[] cells) => cells;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
