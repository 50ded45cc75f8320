namespace BackCourse.Web.Domain;

public enum NotificationKind
{
    Welcome,
    WeekUnlock,
    Reminder,
}

public enum NotificationState
{
    Scheduled,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>One email we owe a learner: the welcome, a week's unlock, or a gentle reminder.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid EnrolmentId { get; set; }
    public Guid UserId { get; set; }
    public int Week { get; set; }
    public NotificationKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public NotificationState State { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public long? EmailMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>When an email is due and how long to wait after a failed send.</summary>
public static class NotificationTiming
{
    /// <summary>Waits after the 1st..5th failed attempt: six attempts over about an hour, then failed.</summary>
    public static readonly TimeSpan[] RetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30)];

    public static int MaxAttempts => RetryDelays.Length + 1;

    /// <summary>
    /// A week's unlock email goes out when the week opens, or at the learner's preferred local hour on
    /// that day, but never before the week is open.
    /// </summary>
    public static DateTimeOffset UnlockDue(WeekUnlockCalendar calendar, int week, TimeZoneInfo zone, int? preferredHour)
    {
        var opens = calendar.OpensAt(week);
        if (preferredHour is not { } hour)
        {
            return opens;
        }
        var preferred = TimeZoneInfo.ConvertTime(opens, zone).Date.AddHours(hour);
        var at = WeekUnlockCalendar.ToInstant(preferred, zone);
        return at < opens ? opens : at;
    }
}
