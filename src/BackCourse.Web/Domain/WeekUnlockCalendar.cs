namespace BackCourse.Web.Domain;

/// <summary>
/// When each week opens for one enrolment. Week N opens 7×(N−1) days after the start, at the same
/// local wall-clock time in the learner's zone (so a daylight-saving change does not move it by an
/// hour). Pausing stops the clock: earlier pauses push every later week back by exactly their length, and
/// while paused no new week opens. A week that was open before a pause stays open.
/// </summary>
public sealed class WeekUnlockCalendar(
    DateTimeOffset startedAt,
    TimeZoneInfo zone,
    TimeSpan pausedTotal,
    DateTimeOffset? pausedSince,
    bool allUnlocked)
{
    public const int Weeks = 6;
    public const int DaysPerWeek = 7;

    /// <summary>The instant week <paramref name="week"/> opens if the learner does not pause again.</summary>
    public DateTimeOffset OpensAt(int week)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(week, 1);
        if (week == 1)
        {
            return startedAt;
        }
        // Wall-clock days from the start, then the paused time as elapsed time: a pause across a clock
        // change then shifts every later week by exactly its length and never re-locks an open week.
        var local = TimeZoneInfo.ConvertTime(startedAt, zone).DateTime.AddDays(DaysPerWeek * (week - 1));
        return ToInstant(local, zone) + pausedTotal;
    }

    public bool IsOpen(int week, DateTimeOffset now)
    {
        if (allUnlocked || week <= 1)
        {
            return week >= 1;
        }
        var opensAt = OpensAt(week);
        // While paused, only weeks that had opened before the pause are open.
        var clock = pausedSince is { } paused && paused < now ? paused : now;
        return opensAt <= clock;
    }

    public bool IsPaused => pausedSince is not null;

    /// <summary>The highest open week, 1..6.</summary>
    public int CurrentWeek(DateTimeOffset now)
    {
        var current = 1;
        for (var w = 2; w <= Weeks; w++)
        {
            if (IsOpen(w, now))
            {
                current = w;
            }
        }
        return current;
    }

    /// <summary>Local wall-clock time → instant; a time skipped by a spring-forward moves to just after the gap.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max() // the first (daylight) occurrence
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
