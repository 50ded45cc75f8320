using Microsoft.Extensions.Options;
using Quartz;

namespace BackCourse.Web.Scheduling;

/// <summary>
/// Starts this node's Quartz scheduler (unless <c>Scheduling:Enabled</c> is false) and declares the
/// recurring jobs. Declaring replaces the stored definitions, so every node that starts agrees on
/// them; clustering makes each firing run on exactly one node. Triggers are built on the app's own
/// clock, the one Quartz takes from the container, so the two never disagree about "now".
/// </summary>
public sealed class SchedulerHost(
    ISchedulerFactory factory, IOptions<SchedulingOptions> options, TimeProvider clock, ILogger<SchedulerHost> logger) : IHostedService
{
    private IScheduler? scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Scheduling is off on this node (Scheduling:Enabled=false)");
            return;
        }
        scheduler = await factory.GetScheduler(cancellationToken);
        await Declare<NotificationDispatchJob>(NotificationDispatchJob.Key, TriggerBuilder.Create(clock)
            .WithIdentity("dispatch-notifications-every-interval", "backcourse")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(settings.DispatchIntervalSeconds)).RepeatForever()
                .MeasureIntervalFromCompletion(true)
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build(), cancellationToken);
        await Declare<ReminderScanJob>(ReminderScanJob.Key, TriggerBuilder.Create(clock)
            .WithIdentity("scan-reminders-hourly", "backcourse")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build(), cancellationToken);
        await Declare<InstructorDigestJob>(InstructorDigestJob.Key, TriggerBuilder.Create(clock)
            .WithIdentity("instructor-digest-daily", "backcourse")
            .WithCronSchedule($"0 0 {settings.DigestHourUtc} * * ?", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build(), cancellationToken);
        await scheduler.Start(cancellationToken);
        logger.LogInformation("Scheduler {Name}/{Instance} started on this node", scheduler.SchedulerName, scheduler.SchedulerInstanceId);
    }

    /// <summary>Lets running jobs finish (briefly), then stops for good, so nothing outlives the host.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (scheduler is null)
        {
            return;
        }
        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Jobs did not finish within 15 s; stopping the scheduler without waiting");
            await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
        }
    }

    private async Task Declare<TJob>(JobKey key, ITrigger trigger, CancellationToken ct) where TJob : IJob
    {
        var job = JobBuilder.Create<TJob>().WithIdentity(key).StoreDurably().Build();
        await scheduler!.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }
}
