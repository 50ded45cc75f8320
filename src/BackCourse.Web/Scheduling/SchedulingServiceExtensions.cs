using System.Data.Common;
using Npgsql;
using Quartz;

namespace BackCourse.Web.Scheduling;

public static class SchedulingServiceExtensions
{
    /// <summary>
    /// Quartz with its persistent, clustered PostgreSQL store (tables from migrations/0005), and the
    /// jobs that send BackCourse's emails. Every node can run it: each firing runs on one node.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<NotificationSchedule>();
        services.AddScoped<NotificationComposer>();
        services.AddScoped<ReminderScanner>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<SchedulerHealth>();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");
        services.AddSingleton<DbDataSource>(sp => sp.GetRequiredService<NpgsqlDataSource>());

        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(ds => ds.UseRegisteredDataSource = true);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(5);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                });
                store.UseSystemTextJsonSerializer();
            });
        });
        // Our own host for the scheduler: it reads its settings when the app starts (not when services
        // are registered), declares the jobs, and starts or skips the scheduler accordingly.
        services.AddHostedService<SchedulerHost>();
        return services;
    }
}
