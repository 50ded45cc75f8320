using BackCourse.Web.Features.Instructor;
using Quartz;

namespace BackCourse.Web.Scheduling;

/// <summary>Every few seconds, on one node of the cluster: send what is due.</summary>
[DisallowConcurrentExecution]
public sealed class NotificationDispatchJob(NotificationDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("dispatch-notifications", "backcourse");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await dispatcher.DispatchDueAsync(cancellationToken);
}

/// <summary>Hourly: owe a gentle reminder to learners who have stalled.</summary>
[DisallowConcurrentExecution]
public sealed class ReminderScanJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("scan-reminders", "backcourse");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderScanner>().ScanAsync(cancellationToken);
    }
}

/// <summary>Daily: each instructor's digest of new reflections.</summary>
[DisallowConcurrentExecution]
public sealed class InstructorDigestJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("instructor-digest", "backcourse");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReflectionNotifications>().SendDailyDigestsAsync(cancellationToken);
    }
}
