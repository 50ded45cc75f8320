using BackCourse.Web.Scheduling;
using Hangfire;

namespace BackCourse.Web.Features.Instructor;

public static class InstructorServiceExtensions
{
    /// <summary>The review queue, reply notifications, the red-flag alerts on learners' writing, and the daily digest job.</summary>
    public static IServiceCollection AddInstructor(this IServiceCollection services)
    {
        services.AddScoped<ReflectionReviewQueue>();
        services.AddScoped<ReflectionNotifications>();
        services.AddScoped<RedFlagAlerts>();
        services.AddRecurringJob<InstructorDigestJob>(InstructorDigestJob.Id, (recurring, options) =>
            recurring.AddOrUpdate<InstructorDigestJob>(InstructorDigestJob.Id, j => j.RunAsync(CancellationToken.None),
                Cron.Daily(options.DigestHourUtc), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc }));
        return services;
    }
}
