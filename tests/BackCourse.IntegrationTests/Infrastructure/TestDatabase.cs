using BackCourse.Web.Content;
using BackCourse.Web.Data;
using BackCourse.Web.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>
/// Databases on the real PostgreSQL that <c>./backcourse test</c> starts (BACKCOURSE_TEST_PG).
/// Migrations run once into a template; each test gets its own copy, so tests never see each
/// other's rows and can run in parallel.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("BACKCOURSE_TEST_PG")
        ?? throw new InvalidOperationException(
            "BACKCOURSE_TEST_PG is not set. Run the tests with `./backcourse test`, which starts PostgreSQL for them.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public static IReadOnlyList<MigrationScript> Migrations => MigrationScript.LoadFolder(MigrationScript.DefaultFolder);

    /// <summary>A new, fully migrated database; returns its connection string.</summary>
    public static async Task<string> CreateMigratedAsync()
    {
        var template = await Template.Value;
        var name = NewName();
        await CloneLock.WaitAsync();
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            CloneLock.Release();
        }
        return ConnectionStringFor(name);
    }

    /// <summary>A new database with nothing in it.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = NewName();
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var name = $"bc_template_{Environment.ProcessId}";
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SqlMigrationRunner(dataSource, Migrations, NullLogger<SqlMigrationRunner>.Instance).MigrateAsync();
            // The seeded course is in every test database, as it is in every real one.
            var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(dataSource).Options;
            await using var db = new AppDbContext(options);
            await new CourseImporter(db, TimeProvider.System, NullLogger<CourseImporter>.Instance)
                .ImportAsync(CourseSeedReader.Read(CourseSeedReader.DefaultFolder), force: false);
        }
        return name;
    }

    private static string NewName() => $"bc_test_{Guid.NewGuid():N}";

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
