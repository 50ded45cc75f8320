using System.Globalization;
using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

/// <summary>Whole UTC days, both ends included.</summary>
public sealed record DashboardPeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Midnight after the last day: every range below is start ≤ t &lt; end.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public int Days => To.DayNumber - From.DayNumber + 1;

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    public string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The dashboard's query string: dates as the browser's date field sends them (yyyy-mm-dd).</summary>
public sealed class DashboardPeriodQuery
{
    public const int DefaultDays = 30;

    public string? From { get; set; }
    public string? To { get; set; }

    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        && day.Year is >= 2000 and <= 2100;

    /// <summary>The period asked for; a missing end is today, a missing start 30 days before the end. Null when a date is unreadable.</summary>
    public DashboardPeriod? Resolve(DateOnly today)
    {
        DateOnly to = today, from;
        if (!string.IsNullOrWhiteSpace(To) && !TryParseDay(To, out to))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(From))
        {
            from = to.AddDays(-(DefaultDays - 1));
        }
        else if (!TryParseDay(From, out from))
        {
            return null;
        }
        return new DashboardPeriod(from, to);
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

public sealed class DashboardPeriodQueryValidator : AbstractValidator<DashboardPeriodQuery>
{
    public DashboardPeriodQueryValidator(TimeProvider clock)
    {
        RuleFor(q => q.From).Must(d => string.IsNullOrWhiteSpace(d) || DashboardPeriodQuery.TryParseDay(d, out _))
            .WithMessage("Please enter the first day as a date (year-month-day, like 2026-10-01), between 2000 and 2100.");
        RuleFor(q => q.To).Must(d => string.IsNullOrWhiteSpace(d) || DashboardPeriodQuery.TryParseDay(d, out _))
            .WithMessage("Please enter the last day as a date (year-month-day, like 2026-10-31), between 2000 and 2100.");
        RuleFor(q => q).Custom((q, context) =>
        {
            if (q.Resolve(DashboardPeriodQuery.Today(clock)) is not { } period)
            {
                return; // the rules above already said which date is unreadable
            }
            if (period.From > period.To)
            {
                context.AddFailure(nameof(DashboardPeriodQuery.From), "The first day must be on or before the last day.");
            }
            else if (period.Days > DashboardPeriod.MaxDays)
            {
                context.AddFailure(nameof(DashboardPeriodQuery.To),
                    $"Please choose at most {DashboardPeriod.MaxDays} days; this period has {period.Days}.");
            }
        });
    }
}

public sealed record DayCount(DateOnly Day, int Count);

public sealed record DayRevenue(DateOnly Day, long GrossCents, long RefundCents)
{
    public long NetCents => GrossCents - RefundCents;
}

public sealed record WeekFunnelStep(int Week, int Learners);

public sealed record QuizPassRate(int Week, int Position, string Title, int Submitted, int Passed);

public sealed record HardQuestion(int Week, string Quiz, string Question, int Answered, int Correct);

public sealed record ReviewTimes(int Waiting, int ReviewedInPeriod, TimeSpan? Median);

public sealed record DashboardData(
    DashboardPeriod Period,
    string Currency,
    IReadOnlyList<DayCount> Enrolments,
    IReadOnlyList<DayRevenue> Revenue,
    int Cohort,
    IReadOnlyList<WeekFunnelStep> Funnel,
    DashboardPeriod ActiveWindow,
    int ActiveLearners,
    IReadOnlyList<QuizPassRate> Quizzes,
    IReadOnlyList<HardQuestion> HardestQuestions,
    ReviewTimes Reviews,
    IReadOnlyList<HelpfulnessRow> Helpfulness,
    int FailedNotifications)
{
    public int EnrolmentTotal => Enrolments.Sum(d => d.Count);
    public long GrossCents => Revenue.Sum(d => d.GrossCents);
    public long RefundCents => Revenue.Sum(d => d.RefundCents);
    public long NetCents => GrossCents - RefundCents;
}

/// <summary>Rows read with raw SQL (grouped in the database); public only so EF can fill them.</summary>
public sealed class DayAmountRow
{
    public DateOnly Day { get; set; }
    public long Amount { get; set; }
}

public sealed class AnswerTallyRow
{
    public Guid SectionId { get; set; }
    public string Key { get; set; } = "";
    public string Chosen { get; set; } = "[]";
    public int Count { get; set; }
}

public sealed class ReviewTimesRow
{
    public int Reviewed { get; set; }
    public double? MedianSeconds { get; set; }
}

/// <summary>
/// The course dashboard: every figure is one grouped query over the period (no loops over learners),
/// so it stays quick with tens of thousands of learners. Days are UTC days.
/// </summary>
public sealed class CourseDashboard(AppDbContext db, TimeProvider clock)
{
    /// <summary>How far back "active" looks from the end of the period.</summary>
    public const int ActiveDays = 7;

    /// <summary>How many of the hardest questions the dashboard lists.</summary>
    public const int HardestCount = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Course?> CourseAsync(CancellationToken ct) =>
        db.Courses.AsNoTracking().OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);

    public async Task<DashboardData> LoadAsync(Course course, DashboardPeriod period, CancellationToken ct)
    {
        var (cohort, funnel) = await FunnelAsync(course.Id, period, ct);
        var active = ActiveWindow(period);
        return new DashboardData(
            period,
            course.Currency,
            await EnrolmentsAsync(course.Id, period, ct),
            await RevenueAsync(course.Id, period, ct),
            cohort,
            funnel,
            active,
            await ActiveLearnersAsync(course.Id, active, ct),
            await QuizPassRatesAsync(course.Id, period, ct),
            await HardestQuestionsAsync(course.Id, period, HardestCount, ct),
            await ReviewTimesAsync(course.Id, period, ct),
            await HelpfulnessAsync(period, ct),
            await FailedNotificationsAsync(course.Id, period, ct));
    }

    /// <summary>Enrolments by the day they were created (not their start, which staff can move), one entry per day.</summary>
    public async Task<IReadOnlyList<DayCount>> EnrolmentsAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<DayAmountRow>($"""
            SELECT (created_at AT TIME ZONE 'UTC')::date AS "Day", count(*) AS "Amount"
            FROM enrolments
            WHERE course_id = {courseId} AND created_at >= {period.Start} AND created_at < {period.End}
            GROUP BY 1
            """).ToDictionaryAsync(r => r.Day, r => r.Amount, ct);
        return [.. period.EachDay().Select(d => new DayCount(d, (int)rows.GetValueOrDefault(d)))];
    }

    /// <summary>
    /// Gross: what paid orders brought in, on the day they were paid (a later refund does not undo it).
    /// Refunds: what Stripe gave back, on the day the order was refunded (or, for a partial refund that
    /// leaves the order paid, the day Stripe first reported it).
    /// </summary>
    public async Task<IReadOnlyList<DayRevenue>> RevenueAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var gross = await db.Database.SqlQuery<DayAmountRow>($"""
            SELECT (paid_at AT TIME ZONE 'UTC')::date AS "Day", sum(amount_cents)::bigint AS "Amount"
            FROM orders
            WHERE course_id = {courseId} AND status IN ('Paid', 'Refunded') AND paid_at >= {period.Start} AND paid_at < {period.End}
            GROUP BY 1
            """).ToDictionaryAsync(r => r.Day, r => r.Amount, ct);
        var refunds = await db.Database.SqlQuery<DayAmountRow>($"""
            SELECT (x.at AT TIME ZONE 'UTC')::date AS "Day", sum(x.cents)::bigint AS "Amount"
            FROM (
                SELECT COALESCE(o.refunded_at, r.at) AS at, COALESCE(r.amount_refunded_cents, o.amount_cents) AS cents
                FROM orders o
                LEFT JOIN payment_refunds r ON r.payment_intent_id = o.payment_intent_id
                WHERE o.course_id = {courseId} AND (o.status = 'Refunded' OR r.payment_intent_id IS NOT NULL)
            ) x
            WHERE x.at >= {period.Start} AND x.at < {period.End}
            GROUP BY 1
            """).ToDictionaryAsync(r => r.Day, r => r.Amount, ct);
        return [.. period.EachDay().Select(d => new DayRevenue(d, gross.GetValueOrDefault(d), refunds.GetValueOrDefault(d)))];
    }

    /// <summary>
    /// How far learners get: of those who enrolled in the period (whatever happened since), how many
    /// have completed each week so far.
    /// </summary>
    public async Task<(int Cohort, IReadOnlyList<WeekFunnelStep> Steps)> FunnelAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var cohort = db.Enrolments.Where(e => e.CourseId == courseId && e.CreatedAt >= period.Start && e.CreatedAt < period.End);
        var size = await cohort.CountAsync(ct);
        var perWeek = await WeekCompletion.LearnersPerWeekAsync(db, courseId, cohort.Select(e => e.Id), ct);
        return (size, [.. Enumerable.Range(1, WeekUnlockCalendar.Weeks).Select(w => new WeekFunnelStep(w, perWeek.GetValueOrDefault(w)))]);
    }

    /// <summary>The last <see cref="ActiveDays"/> days of the period (or the whole period, when shorter).</summary>
    public static DashboardPeriod ActiveWindow(DashboardPeriod period)
    {
        var from = period.To.AddDays(-(ActiveDays - 1));
        return new DashboardPeriod(from < period.From ? period.From : from, period.To);
    }

    /// <summary>
    /// Distinct enrolments that did something in the window: opened or completed a section, started or
    /// submitted a quiz, wrote a reflection (draft, submission or message), saved a worksheet, voted,
    /// logged pain or sent feedback. Staff actions (a review, a moved start) do not count.
    /// </summary>
    public async Task<int> ActiveLearnersAsync(Guid courseId, DashboardPeriod window, CancellationToken ct)
    {
        var (s, e) = (window.Start, window.End);
        return await db.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT a.enrolment_id)::int AS "Value"
            FROM (
                SELECT enrolment_id FROM section_progress
                WHERE (first_opened_at >= {s} AND first_opened_at < {e}) OR (completed_at >= {s} AND completed_at < {e})
                UNION ALL
                SELECT enrolment_id FROM quiz_attempts
                WHERE (started_at >= {s} AND started_at < {e}) OR (submitted_at >= {s} AND submitted_at < {e})
                UNION ALL
                SELECT r.enrolment_id FROM reflection_events ev
                JOIN reflections r ON r.id = ev.reflection_id
                JOIN enrolments en ON en.id = r.enrolment_id AND en.user_id = ev.actor_id
                WHERE ev.at >= {s} AND ev.at < {e}
                UNION ALL
                SELECT r.enrolment_id FROM reflection_messages m
                JOIN reflections r ON r.id = m.reflection_id
                WHERE NOT m.from_instructor AND m.created_at >= {s} AND m.created_at < {e}
                UNION ALL
                SELECT enrolment_id FROM reflections
                WHERE state = 'Draft' AND updated_at >= {s} AND updated_at < {e}
                UNION ALL
                SELECT enrolment_id FROM worksheet_answers WHERE updated_at >= {s} AND updated_at < {e}
                UNION ALL
                SELECT enrolment_id FROM section_votes WHERE updated_at >= {s} AND updated_at < {e}
                UNION ALL
                SELECT en.id FROM pain_log_entries l
                JOIN enrolments en ON en.user_id = l.user_id AND en.course_id = {courseId}
                WHERE l.updated_at >= {s} AND l.updated_at < {e}
                UNION ALL
                SELECT en.id FROM feedback_items f
                JOIN enrolments en ON en.user_id = f.user_id AND en.course_id = f.course_id
                WHERE f.created_at >= {s} AND f.created_at < {e}
            ) a
            JOIN enrolments en ON en.id = a.enrolment_id
            WHERE en.course_id = {courseId}
            """).SingleAsync(ct);
    }

    /// <summary>Graded quizzes in course order with the attempts submitted in the period and how many passed.</summary>
    public async Task<IReadOnlyList<QuizPassRate>> QuizPassRatesAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var quizzes = await GradedQuizzesAsync(courseId, ct);
        var counts = await db.QuizAttempts
            .Where(a => a.SubmittedAt >= period.Start && a.SubmittedAt < period.End)
            .GroupBy(a => a.SectionId)
            .Select(g => new { SectionId = g.Key, Submitted = g.Count(), Passed = g.Count(a => a.Passed == true) })
            .ToDictionaryAsync(x => x.SectionId, ct);
        return [.. quizzes.Select(q => counts.TryGetValue(q.Section.Id, out var c)
            ? new QuizPassRate(q.Section.WeekNumber, q.Section.Position, q.Section.Title, c.Submitted, c.Passed)
            : new QuizPassRate(q.Section.WeekNumber, q.Section.Position, q.Section.Title, 0, 0))];
    }

    /// <summary>
    /// The questions answered right least often in attempts submitted in the period. The database
    /// counts each distinct answer per question; grading those few tallies here uses the same rule as
    /// the quiz itself (exactly the correct options).
    /// </summary>
    public async Task<IReadOnlyList<HardQuestion>> HardestQuestionsAsync(Guid courseId, DashboardPeriod period, int take, CancellationToken ct)
    {
        var quizzes = (await GradedQuizzesAsync(courseId, ct)).ToDictionary(q => q.Section.Id);
        var tallies = await db.Database.SqlQuery<AnswerTallyRow>($"""
            SELECT a.section_id AS "SectionId", q.key AS "Key", q.value::text AS "Chosen", count(*)::int AS "Count"
            FROM quiz_attempts a
            CROSS JOIN LATERAL jsonb_each(a.answers_json) q
            WHERE a.submitted_at >= {period.Start} AND a.submitted_at < {period.End} AND a.answers_json IS NOT NULL
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        var perQuestion = new Dictionary<(Guid Section, string Key), (int Answered, int Correct)>();
        foreach (var t in tallies)
        {
            if (!quizzes.TryGetValue(t.SectionId, out var quiz)
                || quiz.Definition.Questions.FirstOrDefault(q => q.Key == t.Key) is not { IsGraded: true } question)
            {
                continue;
            }
            var chosen = JsonSerializer.Deserialize<string[]>(t.Chosen, Json) ?? [];
            var right = question.Options.Where(o => o.Correct).Select(o => o.Id).ToHashSet().SetEquals(chosen);
            var (answered, correct) = perQuestion.GetValueOrDefault((t.SectionId, t.Key));
            perQuestion[(t.SectionId, t.Key)] = (answered + t.Count, correct + (right ? t.Count : 0));
        }
        return [.. perQuestion
            .Select(kv =>
            {
                var quiz = quizzes[kv.Key.Section];
                var text = quiz.Definition.Questions.First(q => q.Key == kv.Key.Key).Text;
                return new HardQuestion(quiz.Section.WeekNumber, quiz.Section.Title, text, kv.Value.Answered, kv.Value.Correct);
            })
            .OrderBy(q => q.Correct / (double)q.Answered)
            .ThenByDescending(q => q.Answered)
            .ThenBy(q => q.Week)
            .ThenBy(q => q.Question, StringComparer.Ordinal)
            .Take(take)];
    }

    /// <summary>
    /// Reflections waiting now, and the median wait from each submission (or resubmission) to the
    /// instructor's decision on it (reviewed, or revision asked), for decisions made in the period.
    /// </summary>
    public async Task<ReviewTimes> ReviewTimesAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var waiting = await (from r in db.Reflections
                             join s in db.Sections on r.SectionId equals s.Id
                             where s.CourseId == courseId && (r.State == ReflectionState.Submitted || r.State == ReflectionState.Resubmitted)
                             select r.Id).CountAsync(ct);
        var times = await db.Database.SqlQuery<ReviewTimesRow>($"""
            SELECT count(*)::int AS "Reviewed",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.at - sub.at)::float8) AS "MedianSeconds"
            FROM reflection_events sub
            JOIN reflections r ON r.id = sub.reflection_id
            JOIN sections s ON s.id = r.section_id AND s.course_id = {courseId}
            CROSS JOIN LATERAL (
                SELECT dec.at FROM reflection_events dec
                WHERE dec.reflection_id = sub.reflection_id AND (dec.at, dec.id) > (sub.at, sub.id)
                  AND dec.to_state IN ('Reviewed', 'RevisionRequested')
                ORDER BY dec.at, dec.id
                LIMIT 1) d
            WHERE sub.to_state IN ('Submitted', 'Resubmitted') AND d.at >= {period.Start} AND d.at < {period.End}
            """).SingleAsync(ct);
        return new ReviewTimes(waiting, times.Reviewed, times.MedianSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Round(seconds)) : null);
    }

    /// <summary>Helpfulness votes cast or changed in the period, per section.</summary>
    public Task<List<HelpfulnessRow>> HelpfulnessAsync(DashboardPeriod period, CancellationToken ct) =>
        SectionHelpfulness.ReadAsync(db, period.Start, period.End, ct);

    /// <summary>Emails that gave up (every retry failed) during the period.</summary>
    public Task<int> FailedNotificationsAsync(Guid courseId, DashboardPeriod period, CancellationToken ct) =>
        (from n in db.Notifications
         join e in db.Enrolments on n.EnrolmentId equals e.Id
         where e.CourseId == courseId && n.State == NotificationState.Failed && n.UpdatedAt >= period.Start && n.UpdatedAt < period.End
         select n.Id).CountAsync(ct);

    /// <summary>Today, for the default period.</summary>
    public DateOnly Today => DashboardPeriodQuery.Today(clock);

    private async Task<List<(Section Section, QuizDefinition Definition)>> GradedQuizzesAsync(Guid courseId, CancellationToken ct)
    {
        var sections = await db.Sections.AsNoTracking()
            .Where(s => s.CourseId == courseId && s.Kind == SectionKind.Quiz && s.IsPublished)
            .OrderBy(s => s.WeekNumber).ThenBy(s => s.Position)
            .ToListAsync(ct);
        return [.. sections.Select(s => (s, QuizDefinition.Parse(s.ExtrasJson))).Where(q => q.Item2.Graded)];
    }
}
