using System.Text.Json;
using BackCourse.Web.Data.Migrations;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BackCourse.Web.Infrastructure;

/// <summary>The database answers a trivial query.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("reachable");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("unreachable", ex);
        }
    }
}

/// <summary>Every migration file shipped with this build is applied, and none was edited.</summary>
internal sealed class MigrationsHealthCheck(SqlMigrationRunner runner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var status = await runner.CheckAsync(ct);
            return status.Pending.Count == 0
                ? HealthCheckResult.Healthy("current", new Dictionary<string, object> { ["applied"] = status.Applied.Count })
                : HealthCheckResult.Unhealthy($"pending: {string.Join(", ", status.Pending.Select(p => p.FileName))}");
        }
        catch (MigrationChecksumException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("unknown: database unreachable");
        }
    }
}

internal static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>A small JSON body: overall status and one line per check, never exception details.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    public static HealthCheckOptions Options => new() { ResponseWriter = WriteAsync };
}
