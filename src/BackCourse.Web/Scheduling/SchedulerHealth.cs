using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackCourse.Web.Scheduling;

public sealed record SchedulerNode(string Instance, DateTimeOffset LastCheckin);

public sealed record SchedulerStatus(
    bool EnabledHere, IReadOnlyList<SchedulerNode> Nodes, DateTimeOffset? LastDispatch, int FailedLast24h, int Scheduled, int Sending);

/// <summary>What staff and /healthz need to know about the scheduler, read from Quartz's and our tables.</summary>
public sealed class SchedulerHealth(NpgsqlDataSource dataSource, AppDbContext db, IOptions<SchedulingOptions> options, TimeProvider clock)
{
    public async Task<SchedulerStatus> ReadAsync(CancellationToken ct)
    {
        var nodes = new List<SchedulerNode>();
        DateTimeOffset? lastDispatch = null;
        await using (var command = dataSource.CreateCommand("SELECT instance_name, last_checkin_time FROM qrtz_scheduler_state ORDER BY instance_name"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                nodes.Add(new SchedulerNode(reader.GetString(0), FromQuartzTime(reader.GetInt64(1))));
            }
        }
        await using (var command = dataSource.CreateCommand("SELECT max(prev_fire_time) FROM qrtz_triggers WHERE job_name = 'dispatch-notifications'"))
        {
            if (await command.ExecuteScalarAsync(ct) is long ms and > 0)
            {
                lastDispatch = FromQuartzTime(ms);
            }
        }
        var since = clock.GetUtcNow().AddDays(-1);
        var failed = await db.Notifications.CountAsync(n => n.State == NotificationState.Failed && n.UpdatedAt > since, ct);
        var scheduled = await db.Notifications.CountAsync(n => n.State == NotificationState.Scheduled, ct);
        var sending = await db.Notifications.CountAsync(n => n.State == NotificationState.Sending, ct);
        return new SchedulerStatus(options.Value.Enabled, nodes, lastDispatch, failed, scheduled, sending);
    }

    /// <summary>Quartz.NET stores times as .NET ticks (UTC); milliseconds are accepted too.</summary>
    private static DateTimeOffset FromQuartzTime(long value) =>
        value > 100_000_000_000_000 ? new DateTimeOffset(value, TimeSpan.Zero) : DateTimeOffset.FromUnixTimeMilliseconds(value);
}

/// <summary>
/// /healthz: degraded (still 200) when no scheduler node has checked in for a minute or sends have
/// failed in the last day; the site itself keeps working either way.
/// </summary>
internal sealed class SchedulerHealthCheck(IServiceScopeFactory scopes, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var status = await scope.ServiceProvider.GetRequiredService<SchedulerHealth>().ReadAsync(ct);
            var alive = status.Nodes.Count(n => n.LastCheckin > DateTimeOffset.UtcNow.AddMinutes(-1));
            var data = new Dictionary<string, object>
            {
                ["nodes"] = alive,
                ["failedLast24h"] = status.FailedLast24h,
                ["lastDispatch"] = status.LastDispatch?.ToString("O") ?? "never",
            };
            _ = clock;
            if (status.EnabledHere && alive == 0)
            {
                return HealthCheckResult.Degraded("no scheduler node has checked in for a minute", data: data);
            }
            return status.FailedLast24h > 0
                ? HealthCheckResult.Degraded($"{status.FailedLast24h} email(s) failed in the last 24 h", data: data)
                : HealthCheckResult.Healthy($"{alive} node(s) in the cluster", data);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("unknown: database unreachable");
        }
    }
}
