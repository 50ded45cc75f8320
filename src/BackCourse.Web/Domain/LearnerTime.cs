using System.Globalization;

namespace BackCourse.Web.Domain;

/// <summary>Instants are stored in UTC and shown in the learner's own zone, in plain words.</summary>
public static class LearnerTime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>"Tue 8 Dec".</summary>
    public static string Day(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM", English);

    /// <summary>"Tue 8 Dec, 09:00".</summary>
    public static string DayAndTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM, HH:mm", English);

    /// <summary>"today", "tomorrow", "in 4 days", counted in whole local calendar days.</summary>
    public static string Relative(DateTimeOffset instant, DateTimeOffset now, TimeZoneInfo zone)
    {
        var days = (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime).DayNumber
                    - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).DayNumber);
        return days switch
        {
            < -1 => $"{-days} days ago",
            -1 => "yesterday",
            0 => "today",
            1 => "tomorrow",
            _ => $"in {days} days",
        };
    }

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
}
