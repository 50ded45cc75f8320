using BackCourse.Web.Features.Enrolments;
using BackCourse.Web.Scheduling;
using Hangfire;

namespace BackCourse.Web.Features.WeeklyEmails;

public static class WeeklyEmailsServiceExtensions
{
    /// <summary>
    /// The welcome, weekly unlock and reminder emails: their rows and schedule, the composer, the exactly-once
    /// dispatcher and its Hangfire jobs, one-click unsubscribe, and the enrolment hook that starts it all.
    /// </summary>
    public static IServiceCollection AddWeeklyEmails(this IServiceCollection services)
    {
        services.AddScoped<NotificationSchedule>();
        services.AddScoped<NotificationComposer>();
        services.AddScoped<ReminderScanner>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<IEnrolmentLifecycle, EmailEnrolmentLifecycle>();
        services.AddRecurringJob<NotificationDispatchJob>(NotificationDispatchJob.Id, (recurring, options) =>
            recurring.AddOrUpdate<NotificationDispatchJob>(NotificationDispatchJob.Id, j => j.RunAsync(CancellationToken.None), options.DispatchCron, Utc));
        services.AddRecurringJob<ReminderScanJob>(ReminderScanJob.Id, (recurring, _) =>
            recurring.AddOrUpdate<ReminderScanJob>(ReminderScanJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Hourly(), Utc));
        return services;
    }

    private static RecurringJobOptions Utc => new() { TimeZone = TimeZoneInfo.Utc };
}
