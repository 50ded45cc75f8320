using BackCourse.Web.Data.Migrations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackCourse.Web.Data;

public static class DataServiceExtensions
{
    private static readonly Infrastructure.QueryCounting.Interceptor QueryCountInterceptor = new();

    /// <summary>PostgreSQL (one pooled data source), the DbContext, migrations and Data Protection keys.</summary>
    public static IServiceCollection AddBackCourseData(this IServiceCollection services)
    {
        // Read lazily: test hosts override configuration after Program.cs has registered services.
        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Default");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException("ConnectionStrings:Default", typeof(NpgsqlDataSource),
                    ["ConnectionStrings__Default is not set. `./backcourse run` sets it up for you; see README.md."]);
            }
            return new NpgsqlDataSourceBuilder(WithPoolDefaults(connectionString)).Build();
        });
        services.AddSingleton<Content.CourseContentCache>();
        services.AddSingleton<Content.CourseContentChangeInterceptor>();
        services.AddHostedService<Content.CourseContentListener>();
        // Pooled: a context's internal services are set up once, not on every request.
        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
                .AddInterceptors(sp.GetRequiredService<Content.CourseContentChangeInterceptor>());
            // Counting queries is a measuring aid: real users' requests don't pay for it.
            if (sp.GetRequiredService<IOptions<Features.Bench.BenchOptions>>().Value.QueryCountHeader)
            {
                options.AddInterceptors(QueryCountInterceptor);
            }
        });

        // The course importer and the start-up seeder (roles, the configured admin, Development's demo data).
        services.AddScoped<Content.CourseImporter>();
        services.AddScoped<StartupSeeder>();

        services.AddSingleton<IReadOnlyList<MigrationScript>>(_ => MigrationScript.LoadFolder(MigrationScript.DefaultFolder));
        services.AddSingleton<SqlMigrationRunner>();

        // AES-256-GCM for new keys (decision 0017): one authenticated pass where the default pairs AES-CBC with
        // an HMAC. Keys already made keep the algorithms they were made with, so cookies they protect still open.
        services.AddDataProtection().SetApplicationName("BackCourse")
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// Two Npgsql settings the pages need under load, unless the connection string says otherwise (decision 0015).
    /// Auto-prepare: the statements every page runs are parsed and planned once per connection, not on each
    /// request (planning the dashboard's statement cost PostgreSQL more than running it). No reset on close: a
    /// connection going back to the pool isn't sent a reset; nothing here leaves session state behind (the
    /// advisory locks are per transaction or released in a finally, and LISTEN has its own connection).
    /// </summary>
    public static string WithPoolDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
