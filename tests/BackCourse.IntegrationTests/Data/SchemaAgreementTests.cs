using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BackCourse.IntegrationTests.Data;

/// <summary>
/// The schema is written by hand in migrations/; the EF model is written by hand in code. This test
/// is what keeps the two in step: every mapped table and column must exist with a compatible type
/// and the same nullability.
/// </summary>
public sealed class SchemaAgreementTests
{
    private sealed record Column(string Type, bool Nullable);

    [Fact]
    public async Task Analyze_skips_the_quiz_attempts_json_payloads_and_keeps_the_keys()
    {
        await using var app = await TestApp.StartAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT attname, attstattarget::int FROM pg_attribute
             WHERE attrelid = 'quiz_attempts'::regclass AND attname IN ('option_order_json', 'answers_json', 'enrolment_id')
             ORDER BY attname
            """, connection);
        var targets = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                targets.Add($"{reader.GetString(0)}={(reader.IsDBNull(1) ? -1 : reader.GetInt32(1))}");
            }
        }

        Assert.Equal(["answers_json=0", "enrolment_id=-1", "option_order_json=0"], targets);
    }

    [Fact]
    public async Task Every_mapped_table_and_column_exists_in_the_migrated_schema_with_a_compatible_type()
    {
        await using var app = await TestApp.StartAsync();
        var actual = await ReadSchemaAsync(app.ConnectionString);
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        var problems = new List<string>();
        var checkedColumns = 0;
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store);
                if (column is null)
                {
                    continue;
                }
                checkedColumns++;
                if (!actual.TryGetValue((table, column), out var found))
                {
                    problems.Add($"{table}.{column} is mapped but missing from the schema");
                    continue;
                }
                var expectedType = Normalise(property.GetColumnType(store));
                if (expectedType != found.Type)
                {
                    problems.Add($"{table}.{column}: model says {expectedType}, schema has {found.Type}");
                }
                if (property.IsColumnNullable(store) != found.Nullable)
                {
                    problems.Add($"{table}.{column}: model says {(property.IsColumnNullable(store) ? "NULL" : "NOT NULL")}, schema says the opposite");
                }
            }
        }

        Assert.True(checkedColumns > 40, $"only {checkedColumns} columns were checked: is the model empty?");
        Assert.True(problems.Count == 0, "Model and schema disagree:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_type_comparison_notices_a_real_difference()
    {
        Assert.NotEqual(Normalise("character varying(100)"), Normalise("character varying(200)"));
        Assert.NotEqual(Normalise("integer"), Normalise("bigint"));
        Assert.Equal(Normalise("varchar(64)"), Normalise("character varying(64)"));
        Assert.Equal(Normalise("timestamptz"), Normalise("timestamp with time zone"));
    }

    private static string Normalise(string type) => type.Trim().ToLowerInvariant() switch
    {
        var t when t.StartsWith("varchar(", StringComparison.Ordinal) => "character varying" + t["varchar".Length..],
        "varchar" => "character varying",
        "timestamptz" => "timestamp with time zone",
        "int" or "int4" => "integer",
        "int8" => "bigint",
        "int2" => "smallint",
        "bool" => "boolean",
        "float8" => "double precision",
        var t => t,
    };

    private static async Task<Dictionary<(string Table, string Column), Column>> ReadSchemaAsync(string connectionString)
    {
        const string sql = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """;
        var result = new Dictionary<(string, string), Column>();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[(reader.GetString(0), reader.GetString(1))] = new Column(reader.GetString(2), reader.GetBoolean(3));
        }
        return result;
    }
}
