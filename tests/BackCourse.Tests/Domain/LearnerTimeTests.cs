using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class LearnerTimeTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Fact]
    public void Dates_are_shown_in_the_learners_zone()
    {
        var instant = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero); // Tue 8 Dec 05:00 in Tokyo
        Assert.Equal("Tue 8 Dec", LearnerTime.Day(instant, Tokyo));
        Assert.Equal("Tue 8 Dec, 05:00", LearnerTime.DayAndTime(instant, Tokyo));
    }

    [Fact]
    public void Relative_days_count_local_calendar_days()
    {
        var now = new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero); // Fri 4 Dec 23:00 in Tokyo
        Assert.Equal("in 4 days", LearnerTime.Relative(new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero), now, Tokyo));
        Assert.Equal("tomorrow", LearnerTime.Relative(now.AddHours(2), now, Tokyo));
        Assert.Equal("today", LearnerTime.Relative(now.AddMinutes(30), now, Tokyo));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_utc() =>
        Assert.Equal(TimeZoneInfo.Utc, LearnerTime.Zone("Nowhere/Special"));
}
