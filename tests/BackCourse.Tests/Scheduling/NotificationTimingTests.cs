using BackCourse.Web.Domain;

namespace BackCourse.Tests.Scheduling;

public sealed class NotificationTimingTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static WeekUnlockCalendar Calendar(DateTimeOffset start) => new(start, NewYork, TimeSpan.Zero, null, false);

    [Fact]
    public void Without_a_preferred_hour_the_email_is_due_when_the_week_opens()
    {
        var start = new DateTimeOffset(2026, 10, 5, 13, 0, 0, TimeSpan.Zero);
        Assert.Equal(Calendar(start).OpensAt(3), NotificationTiming.UnlockDue(Calendar(start), 3, NewYork, null));
    }

    [Fact]
    public void A_preferred_hour_later_that_day_is_used_in_the_learners_zone_across_a_dst_change()
    {
        // Start Mon 26 Oct 2026, 08:00 EDT (12:00 UTC). Week 2 opens Mon 2 Nov 08:00 EST (13:00 UTC), after DST ended on 1 Nov.
        var start = new DateTimeOffset(2026, 10, 26, 12, 0, 0, TimeSpan.Zero);
        var due = NotificationTiming.UnlockDue(Calendar(start), 2, NewYork, preferredHour: 18);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 23, 0, 0, TimeSpan.Zero), due.ToUniversalTime()); // 18:00 EST
    }

    [Fact]
    public void A_preferred_hour_before_the_week_opens_waits_for_the_opening()
    {
        var start = new DateTimeOffset(2026, 10, 26, 20, 0, 0, TimeSpan.Zero); // 16:00 EDT
        var calendar = Calendar(start);
        var due = NotificationTiming.UnlockDue(calendar, 2, NewYork, preferredHour: 7);
        Assert.Equal(calendar.OpensAt(2), due);
    }

    [Fact]
    public void Six_attempts_spread_over_about_an_hour()
    {
        Assert.Equal(6, NotificationTiming.MaxAttempts);
        var total = NotificationTiming.RetryDelays.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(total.TotalMinutes, 50, 75);
    }
}
