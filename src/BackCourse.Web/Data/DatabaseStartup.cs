using BackCourse.Web.Data.Migrations;
using BackCourse.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Data;

public static class DatabaseStartup
{
    /// <summary>
    /// Before the site listens: migrate (Development) or verify that no applied migration was edited
    /// (everywhere), then seed. An edited migration stops the app with the file's name.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<SqlMigrationRunner>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<AppOptions>>().Value;
        if (options.MigrateOnStartup)
        {
            await runner.MigrateAsync();
        }
        else
        {
            var status = await runner.CheckAsync();
            if (status.Pending.Count > 0)
            {
                app.Logger.LogWarning(
                    "{Count} migration(s) are pending ({Files}); run `./backcourse migrate`.",
                    status.Pending.Count, string.Join(", ", status.Pending.Select(p => p.FileName)));
                return;
            }
        }
        await scope.ServiceProvider.GetRequiredService<StartupSeeder>().SeedAsync();
    }

    /// <summary><c>BackCourse.Web.dll migrate</c>: apply pending migrations and exit.</summary>
    public static async Task<int> RunMigrateCommandAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var applied = await scope.ServiceProvider.GetRequiredService<SqlMigrationRunner>().MigrateAsync();
            Console.WriteLine(applied.Count == 0
                ? "Database is up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied.Select(a => a.FileName))}");
            return 0;
        }
        catch (MigrationChecksumException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 3;
        }
    }

    /// <summary>
    /// <c>BackCourse.Web.dll seed [--force]</c>: roles, the configured admin, the course (adding what is
    /// missing, or with --force replacing it from the files) and, in Development, demo data.
    /// </summary>
    public static async Task<int> RunSeedCommandAsync(this WebApplication app, bool force)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<StartupSeeder>()
                .SeedAsync(force ? CourseSeeding.Replace : CourseSeeding.AddMissing);
        }
        catch (Content.SeedFormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 4;
        }
        Console.WriteLine("Seeded.");
        return 0;
    }
}
