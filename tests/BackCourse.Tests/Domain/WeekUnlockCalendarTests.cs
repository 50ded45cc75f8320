using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class WeekUnlockCalendarTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static WeekUnlockCalendar Calendar(
        DateTimeOffset? start = null, TimeZoneInfo? zone = null, TimeSpan paused = default, DateTimeOffset? pausedSince = null, bool all = false) =>
        new(start ?? Start, zone ?? TimeZoneInfo.Utc, paused, pausedSince, all);

    [Fact]
    public void Week_1_is_open_from_the_start()
    {
        Assert.True(Calendar().IsOpen(1, Start));
        Assert.Equal(Start, Calendar().OpensAt(1));
    }

    [Theory]
    [InlineData(2, 7)]
    [InlineData(3, 14)]
    [InlineData(4, 21)]
    [InlineData(6, 35)]
    public void Week_n_opens_exactly_7_times_n_minus_1_days_after_the_start(int week, int days)
    {
        var opens = Start.AddDays(days);
        var calendar = Calendar();

        Assert.Equal(opens, calendar.OpensAt(week));
        Assert.False(calendar.IsOpen(week, opens.AddSeconds(-1)));
        Assert.True(calendar.IsOpen(week, opens));
    }

    [Fact]
    public void The_current_week_is_the_highest_open_one()
    {
        Assert.Equal(1, Calendar().CurrentWeek(Start.AddDays(6.9)));
        Assert.Equal(3, Calendar().CurrentWeek(Start.AddDays(14)));
        Assert.Equal(6, Calendar().CurrentWeek(Start.AddDays(400)));
    }

    [Fact]
    public void Weeks_open_at_the_same_local_time_across_a_daylight_saving_change()
    {
        // New York leaves daylight saving on Sunday 1 Nov 2026: 09:00 EDT is 13:00 UTC, 09:00 EST is 14:00 UTC.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var start = new DateTimeOffset(2026, 10, 26, 13, 0, 0, TimeSpan.Zero);
        var calendar = Calendar(start, newYork);

        var week2 = calendar.OpensAt(2);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero), week2.ToUniversalTime());
        Assert.Equal(9, TimeZoneInfo.ConvertTime(week2, newYork).Hour);
        Assert.False(calendar.IsOpen(2, start.AddDays(7))); // a naive +7×24 h would open an hour early
    }

    [Fact]
    public void A_local_time_skipped_by_spring_forward_opens_just_after_the_gap()
    {
        // Berlin skips 02:00–03:00 on Sunday 29 Mar 2026.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var start = new DateTimeOffset(2026, 3, 22, 2, 30, 0, TimeSpan.FromHours(1));
        var week2 = Calendar(start, berlin).OpensAt(2);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), week2);
    }

    [Fact]
    public void While_paused_no_new_week_opens_but_open_weeks_stay_open()
    {
        var pausedAt = Start.AddDays(10); // week 2 open, week 3 not yet
        var calendar = Calendar(pausedSince: pausedAt);

        Assert.True(calendar.IsOpen(2, Start.AddDays(30)));
        Assert.False(calendar.IsOpen(3, Start.AddDays(30)));
        Assert.True(calendar.IsPaused);
    }

    [Fact]
    public void Resuming_shifts_every_later_week_by_the_time_paused()
    {
        var calendar = Calendar(paused: TimeSpan.FromDays(4));

        Assert.Equal(Start.AddDays(18), calendar.OpensAt(3));
        Assert.False(calendar.IsOpen(3, Start.AddDays(17)));
        Assert.True(calendar.IsOpen(3, Start.AddDays(18)));
        Assert.Equal(Start, calendar.OpensAt(1));
    }

    [Fact]
    public void A_week_open_before_a_pause_is_still_open_after_resuming()
    {
        // Paused on day 8 (week 2 open) for 5 days, now day 14: the shifted week 2 date (day 12) has passed.
        var calendar = Calendar(paused: TimeSpan.FromDays(5));
        Assert.True(calendar.IsOpen(2, Start.AddDays(14)));
    }

    [Fact]
    public void A_pause_across_a_clock_change_shifts_later_weeks_by_exactly_its_length()
    {
        // New York starts daylight saving on 8 Mar 2026. Start Mon 2 Mar 09:00 EST (14:00 UTC).
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var start = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        var week2 = new WeekUnlockCalendar(start, newYork, TimeSpan.Zero, null, false).OpensAt(2);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), week2.ToUniversalTime()); // 09:00 EDT

        // Paused just after week 2 opened, resumed 7 days later: week 2 must still be open.
        var resumed = new WeekUnlockCalendar(start, newYork, TimeSpan.FromDays(7), null, false);
        Assert.Equal(week2 + TimeSpan.FromDays(7), resumed.OpensAt(2));
        Assert.True(resumed.IsOpen(2, new DateTimeOffset(2026, 3, 16, 13, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Unlocking_all_opens_every_week_at_once()
    {
        var calendar = Calendar(all: true);
        Assert.All(Enumerable.Range(1, 6), w => Assert.True(calendar.IsOpen(w, Start)));
    }
}
