using Microsoft.Extensions.Options;
using Quartz;

namespace BackCourse.Web.Scheduling;

/// <summary>
/// Starts this node's Quartz scheduler (unless <c>Scheduling:Enabled</c> is false) and declares the
/// recurring jobs. Declaring replaces the stored definitions, so every node that starts agrees on
/// them; clustering makes each firing run on exactly one node.
/// </summary>
public sealed class SchedulerHost(ISchedulerFactory factory, IOptions<SchedulingOptions> options, ILogger<SchedulerHost> logger) : IHostedService
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
        await Declare<NotificationDispatchJob>(NotificationDispatchJob.Key, TriggerBuilder.Create()
            .WithIdentity("dispatch-notifications-every-interval", "backcourse")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(settings.DispatchIntervalSeconds)).RepeatForever()
                .MeasureIntervalFromCompletion(true)
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build(), cancellationToken);
        await Declare<ReminderScanJob>(ReminderScanJob.Key, TriggerBuilder.Create()
            .WithIdentity("scan-reminders-hourly", "backcourse")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build(), cancellationToken);
        await Declare<InstructorDigestJob>(InstructorDigestJob.Key, TriggerBuilder.Create()
            .WithIdentity("instructor-digest-daily", "backcourse")
            .WithCronSchedule($"0 0 {settings.DigestHourUtc} * * ?", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build(), cancellationToken);
        await scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (scheduler is not null)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    private async Task Declare<TJob>(JobKey key, ITrigger trigger, CancellationToken ct) where TJob : IJob
    {
        var job = JobBuilder.Create<TJob>().WithIdentity(key).StoreDurably().Build();
        await scheduler!.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }
}
