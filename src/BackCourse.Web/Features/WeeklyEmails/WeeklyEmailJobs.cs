using Hangfire;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>
/// Every few seconds, on whichever node's Hangfire server takes it: send what is due. Hangfire may run
/// it twice or on two nodes at once; each email's own claim (<see cref="NotificationDispatcher"/>) makes
/// that harmless, and a failed run is simply the next run's work, so Hangfire doesn't retry it.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class NotificationDispatchJob(NotificationDispatcher dispatcher)
{
    public const string Id = "dispatch-notifications";

    public Task RunAsync(CancellationToken ct) => dispatcher.DispatchDueUnlessRunningAsync(ct);
}

/// <summary>Hourly: owe a gentle reminder to learners who have stalled (the row's unique key makes it once).</summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class ReminderScanJob(ReminderScanner scanner)
{
    public const string Id = "scan-reminders";

    public Task RunAsync(CancellationToken ct) => scanner.ScanAsync(ct);
}
