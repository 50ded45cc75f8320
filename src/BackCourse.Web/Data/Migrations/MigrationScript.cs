using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BackCourse.Web.Data.Migrations;

/// <summary>One versioned SQL file, e.g. <c>0001_initial.sql</c>.</summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public string FileName => $"{Version:D4}_{Name}.sql";

    public static MigrationScript FromFile(string path)
    {
        var fileName = Path.GetFileName(path);
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException(
                $"Migration file '{fileName}' is not named NNNN_description.sql.");
        }
        var sql = File.ReadAllText(path);
        return new MigrationScript(
            int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
            match.Groups["name"].Value,
            sql,
            ChecksumOf(sql));
    }

    /// <summary>
    /// SHA-256 of the text with line endings normalised, so a checkout with CRLF endings does not
    /// look like an edited file.
    /// </summary>
    public static string ChecksumOf(string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    /// <summary>Reads every <c>NNNN_*.sql</c> in a folder, ordered by version; duplicate versions are an error.</summary>
    public static IReadOnlyList<MigrationScript> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Migrations folder '{folder}' does not exist.");
        }
        var scripts = Directory.EnumerateFiles(folder, "*.sql")
            .Select(FromFile)
            .OrderBy(s => s.Version)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migration files share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.FileName))}.");
        }
        return scripts;
    }

    /// <summary>The folder shipped beside the app (copied there by the build).</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "migrations");

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
