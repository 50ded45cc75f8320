using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BackCourse.IntegrationTests.Data;

public sealed class MigrationRunnerTests
{
    private static SqlMigrationRunner Runner(NpgsqlDataSource dataSource, IReadOnlyList<MigrationScript> scripts) =>
        new(dataSource, scripts, NullLogger<SqlMigrationRunner>.Instance);

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Applying_twice_changes_nothing()
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(cs);
            var first = await Runner(dataSource, TestDatabase.Migrations).MigrateAsync();
            var schemaBefore = await ScalarAsync(dataSource, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'");

            var second = await Runner(dataSource, TestDatabase.Migrations).MigrateAsync();

            Assert.Equal(TestDatabase.Migrations.Count, first.Count);
            Assert.Empty(second);
            Assert.Equal(schemaBefore, await ScalarAsync(dataSource, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'"));
            Assert.Equal(TestDatabase.Migrations.Count, await ScalarAsync(dataSource, "SELECT count(*) FROM schema_migrations"));
        }
        finally
        {
            await TestDatabase.DropAsync(cs);
        }
    }

    [Fact]
    public async Task Runners_racing_on_one_database_apply_each_file_once()
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        try
        {
            // A slow extra file widens the window in which the racers overlap.
            var scripts = TestDatabase.Migrations
                .Append(new MigrationScript(9001, "slow_marker", "SELECT pg_sleep(0.3); CREATE TABLE race_marker (id int);", MigrationScript.ChecksumOf("x")))
                .ToList();
            await using var dataSource = NpgsqlDataSource.Create(cs);

            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Runner(dataSource, scripts).MigrateAsync())));

            Assert.Equal(scripts.Count, results.Sum(r => r.Count));
            Assert.Single(results, r => r.Count > 0);
            Assert.Equal(scripts.Count, await ScalarAsync(dataSource, "SELECT count(*) FROM schema_migrations"));
        }
        finally
        {
            await TestDatabase.DropAsync(cs);
        }
    }

    [Fact]
    public async Task A_failing_file_is_rolled_back_whole_and_not_recorded()
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        try
        {
            var broken = new MigrationScript(1, "broken", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;", "c");
            await using var dataSource = NpgsqlDataSource.Create(cs);

            await Assert.ThrowsAsync<PostgresException>(() => Runner(dataSource, [broken]).MigrateAsync());

            Assert.Equal(0, await ScalarAsync(dataSource, "SELECT count(*) FROM schema_migrations"));
            Assert.Equal(0, await ScalarAsync(dataSource, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'"));
        }
        finally
        {
            await TestDatabase.DropAsync(cs);
        }
    }

    [Fact]
    public async Task An_applied_file_that_was_edited_is_refused_by_name()
    {
        var folder = Directory.CreateTempSubdirectory("bc-migrations-");
        var cs = await TestDatabase.CreateEmptyAsync();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "0001_first.sql"), "CREATE TABLE first_table (id int);");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "0002_second.sql"), "CREATE TABLE second_table (id int);");
            await using var dataSource = NpgsqlDataSource.Create(cs);
            await Runner(dataSource, MigrationScript.LoadFolder(folder.FullName)).MigrateAsync();

            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "0002_second.sql"), "CREATE TABLE second_table (id bigint);");
            var edited = MigrationScript.LoadFolder(folder.FullName);

            var migrate = await Assert.ThrowsAsync<MigrationChecksumException>(() => Runner(dataSource, edited).MigrateAsync());
            Assert.Contains("0002_second.sql", migrate.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("0001_first.sql", migrate.Message, StringComparison.Ordinal);
            var check = await Assert.ThrowsAsync<MigrationChecksumException>(() => Runner(dataSource, edited).CheckAsync());
            Assert.Contains("0002_second.sql", check.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
            await TestDatabase.DropAsync(cs);
        }
    }

    [Fact]
    public async Task The_app_refuses_to_start_when_an_applied_migration_was_edited()
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        var edited = TestDatabase.Migrations
            .Select(s => s.Version == 1 ? s with { Sql = s.Sql + "\n-- edited", Checksum = MigrationScript.ChecksumOf(s.Sql + "\n-- edited") } : s)
            .ToList();

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await TestApp.StartAsync(connectionString: cs, configureServices: services =>
            {
                services.RemoveAll<IReadOnlyList<MigrationScript>>();
                services.AddSingleton<IReadOnlyList<MigrationScript>>(edited);
            });
        });

        var checksum = failure as MigrationChecksumException ?? failure.InnerException as MigrationChecksumException;
        Assert.NotNull(checksum);
        Assert.Contains("0001_initial.sql", checksum.Message, StringComparison.Ordinal);
        await TestDatabase.DropAsync(cs);
    }

    [Fact]
    public async Task Development_start_up_migrates_an_empty_database()
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        await using var app = await TestApp.StartAsync(new() { ["App:MigrateOnStartup"] = "true" }, connectionString: cs);

        var response = await app.CreateBrowser().GetAsync("/healthz");

        response.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
