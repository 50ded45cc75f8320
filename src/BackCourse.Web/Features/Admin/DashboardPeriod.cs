using System.Globalization;
using FluentValidation;

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
