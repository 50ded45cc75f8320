using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackCourse.Web.Scheduling;

public sealed record SchedulerNode(string Instance, DateTimeOffset LastCheckin);

public sealed record SchedulerStatus(
    bool EnabledHere, IReadOnlyList<SchedulerNode> Nodes, DateTimeOffset? LastDispatch, int FailedLast24h, int Scheduled, int Sending);

/// <summary>What staff and /healthz need to know about the scheduler, read from Hangfire's storage and our tables.</summary>
public sealed class SchedulerHealth(JobStorage storage, AppDbContext db, IOptions<SchedulingOptions> options, TimeProvider clock)
{
    public async Task<SchedulerStatus> ReadAsync(CancellationToken ct)
    {
        // Hangfire's storage API is synchronous; its reads are two small queries.
        var nodes = storage.GetMonitoringApi().Servers()
            .Select(s => new SchedulerNode(s.Name, new DateTimeOffset(DateTime.SpecifyKind(s.Heartbeat ?? s.StartedAt, DateTimeKind.Utc))))
            .OrderBy(n => n.Instance, StringComparer.Ordinal)
            .ToList();
        DateTimeOffset? lastDispatch = null;
        using (var connection = storage.GetConnection())
        {
            var job = connection.GetRecurringJobs([Features.WeeklyEmails.NotificationDispatchJob.Id]).FirstOrDefault();
            if (job?.LastExecution is { } last)
            {
                lastDispatch = new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc));
            }
        }
        var since = clock.GetUtcNow().AddDays(-1);
        var failed = await db.Notifications.CountAsync(n => n.State == NotificationState.Failed && n.UpdatedAt > since, ct);
        var scheduled = await db.Notifications.CountAsync(n => n.State == NotificationState.Scheduled, ct);
        var sending = await db.Notifications.CountAsync(n => n.State == NotificationState.Sending, ct);
        return new SchedulerStatus(options.Value.Enabled, nodes, lastDispatch, failed, scheduled, sending);
    }
}

/// <summary>
/// /healthz: whether a Hangfire server is alive (one has sent a heartbeat within a minute); degraded (still 200)
/// when none is, or sends have failed in the last day: the site itself keeps working either way.
/// </summary>
internal sealed class SchedulerHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var status = await scope.ServiceProvider.GetRequiredService<SchedulerHealth>().ReadAsync(ct);
            // Heartbeats are wall-clock times written by Hangfire, so they are judged by the wall clock, not the app's.
            var alive = status.Nodes.Count(n => n.LastCheckin > DateTimeOffset.UtcNow.AddMinutes(-1));
            var data = new Dictionary<string, object>
            {
                ["hangfireServersAlive"] = alive,
                ["failedLast24h"] = status.FailedLast24h,
                ["lastDispatch"] = status.LastDispatch?.ToString("O") ?? "never",
            };
            if (status.EnabledHere && alive == 0)
            {
                return HealthCheckResult.Degraded("no Hangfire server has sent a heartbeat for a minute", data: data);
            }
            return status.FailedLast24h > 0
                ? HealthCheckResult.Degraded($"{status.FailedLast24h} email(s) failed in the last 24 h", data: data)
                : HealthCheckResult.Healthy($"{alive} Hangfire server(s) alive", data);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("unknown: database unreachable");
        }
    }
}
