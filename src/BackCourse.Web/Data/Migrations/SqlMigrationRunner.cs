using System.Diagnostics;
using Npgsql;

namespace BackCourse.Web.Data.Migrations;

public sealed class MigrationChecksumException(string message) : Exception(message);

public sealed record MigrationStatus(IReadOnlyList<int> Applied, IReadOnlyList<MigrationScript> Pending);

/// <summary>
/// Applies the SQL files in order, each in its own transaction, under a PostgreSQL advisory lock so
/// that several app instances starting together migrate exactly once. Applied files are recorded
/// with a checksum; a file edited after it was applied stops everything, naming the file. Hangfire's
/// schema is installed (or upgraded) last, by Hangfire's own installer.
/// </summary>
public sealed class SqlMigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<MigrationScript> scripts, ILogger<SqlMigrationRunner> logger)
{
    // An arbitrary, fixed key: every BackCourse instance contends for the same lock.
    private const long AdvisoryLockKey = 0x4261636B436F7572; // "BackCour"

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>Applies what is pending; returns the files applied by this call.</summary>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", ct, AdvisoryLockKey);
        try
        {
            await ExecuteAsync(connection, CreateHistoryTable, ct);
            var applied = await ReadAppliedAsync(connection, ct);
            EnsureChecksumsMatch(applied);

            var done = new List<MigrationScript>();
            foreach (var script in scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                var watch = Stopwatch.StartNew();
                await using var tx = await connection.BeginTransactionAsync(ct);
                await using (var command = new NpgsqlCommand(script.Sql, connection, tx))
                {
                    command.CommandTimeout = 0;
                    await command.ExecuteNonQueryAsync(ct);
                }
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", script.Version);
                    record.Parameters.AddWithValue("n", script.Name);
                    record.Parameters.AddWithValue("c", script.Checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {File} in {Elapsed} ms", script.FileName, watch.ElapsedMilliseconds);
                done.Add(script);
            }
            // Hangfire's tables, in their own schema, by Hangfire.PostgreSql's own versioned installer (it skips
            // what is there): after our files and under the same lock, so nodes never race to create them.
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, Scheduling.SchedulingServiceExtensions.HangfireSchema);
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    /// <summary>Reads what is applied and pending without changing anything; refuses edited files.</summary>
    public async Task<MigrationStatus> CheckAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return new MigrationStatus([], scripts);
            }
        }
        var applied = await ReadAppliedAsync(connection, ct);
        EnsureChecksumsMatch(applied);
        return new MigrationStatus(
            [.. applied.Keys.Order()],
            [.. scripts.Where(s => !applied.ContainsKey(s.Version))]);
    }

    private void EnsureChecksumsMatch(Dictionary<int, string> applied)
    {
        var changed = scripts
            .Where(s => applied.TryGetValue(s.Version, out var checksum) && checksum != s.Checksum)
            .Select(s => s.FileName)
            .ToList();
        if (changed.Count > 0)
        {
            throw new MigrationChecksumException(
                $"Migration file(s) changed after they were applied: {string.Join(", ", changed)}. " +
                "Applied migrations must never be edited; add a new numbered file instead.");
        }
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, long? key = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (key is not null)
        {
            command.Parameters.AddWithValue("key", key.Value);
        }
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}
