using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackCourse.Web.Scheduling;

public static class SchedulingServiceExtensions
{
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// Hangfire on the app's PostgreSQL (its own schema, installed by <c>migrate</c>) and the server that runs
    /// the features' jobs on nodes where scheduling is on. Features declare their own jobs (<see cref="AddRecurringJob{TJob}"/>).
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SchedulerHealth>();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");

        // This app's own storage and activator, registered before AddHangfire so that its defaults (the static
        // JobStorage.Current and JobActivator.Current) are never used: two apps in one process (the tests) stay apart.
        services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(
            new DataSourceConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>()),
            new PostgreSqlStorageOptions
            {
                SchemaName = HangfireSchema,
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.PollIntervalMs),
                // A long dispatch run keeps its job; a killed node's job is free again after the timeout.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                // Hangfire holds its locks for milliseconds; one left by a killed node stops blocking after 20 s.
                DistributedLockTimeout = TimeSpan.FromSeconds(20),
            }));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHostedService<SchedulerHost>();
        return services;
    }

    /// <summary>
    /// A recurring job a feature owns: the job class is registered here, and its declaration runs when a node
    /// with scheduling on starts (declaring is idempotent, so every such node agrees on the definitions).
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id,
        Action<IRecurringJobManager, SchedulingOptions> declare) where TJob : class
    {
        services.AddTransient<TJob>();
        services.AddSingleton(new RecurringJobDeclaration(id, declare));
        return services;
    }
}

/// <summary>One feature's recurring job, declared by <see cref="SchedulerHost"/>.</summary>
public sealed record RecurringJobDeclaration(string Id, Action<IRecurringJobManager, SchedulingOptions> Declare);

/// <summary>Hangfire's connections come from the app's one pooled data source.</summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
