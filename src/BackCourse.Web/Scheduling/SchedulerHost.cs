using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Scheduling;

/// <summary>
/// Declares the recurring jobs and, unless <c>Scheduling:Enabled</c> is false, runs this node's Hangfire
/// server. The settings are read when the app starts (test hosts override configuration after services
/// are registered), which is why this is ours rather than <c>AddHangfireServer()</c>. Declaring is
/// idempotent, so every node that starts agrees on the definitions; Hangfire's storage makes each
/// firing run on one node.
/// </summary>
public sealed class SchedulerHost(
    JobStorage storage,
    JobActivator activator,
    IJobFilterProvider filters,
    IGlobalConfiguration hangfire,
    IRecurringJobManager recurring,
    IEnumerable<RecurringJobDeclaration> jobs,
    IOptions<SchedulingOptions> options,
    ILogger<SchedulerHost> logger) : IHostedService, IDisposable
{
    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _ = hangfire; // resolving it applies the serializer settings before the first job is written
        if (!settings.Enabled)
        {
            logger.LogInformation("Scheduling is off on this node (Scheduling:Enabled=false): no Hangfire server here");
            return Task.CompletedTask;
        }
        foreach (var job in jobs)
        {
            try
            {
                job.Declare(recurring, settings);
            }
            catch (Exception ex) when (ex is Hangfire.PostgreSql.PostgreSqlDistributedLockException or Hangfire.Storage.DistributedLockTimeoutException)
            {
                // A node killed while firing this job leaves its lock until it expires. The definition is already
                // stored (every node declares the same one), so this node starts anyway and its server runs the job.
                logger.LogWarning("Recurring job {Job} was not re-declared: its lock is held (a stopped node's, until it expires)", job.Id);
            }
        }
        var poll = TimeSpan.FromMilliseconds(settings.PollIntervalMs);
        server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            Activator = activator,
            FilterProvider = filters,
            WorkerCount = settings.WorkerCount,
            SchedulePollingInterval = poll,
            // A killed node's server entry goes after a minute, so /healthz and the dashboard stop counting it.
            ServerTimeout = TimeSpan.FromMinutes(1),
            HeartbeatInterval = TimeSpan.FromSeconds(10),
            ServerCheckInterval = TimeSpan.FromSeconds(30),
            ShutdownTimeout = TimeSpan.FromSeconds(15),
        }, storage);
        logger.LogInformation("Hangfire server started on this node ({Workers} workers)", settings.WorkerCount);
        return Task.CompletedTask;
    }

    /// <summary>Asks running jobs to stop (their cancellation token fires) and waits for them, briefly.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        server?.SendStop();
        return Task.CompletedTask;
    }

    public void Dispose() => server?.Dispose();
}
