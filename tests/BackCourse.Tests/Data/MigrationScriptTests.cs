using BackCourse.Web.Data.Migrations;

namespace BackCourse.Tests.Data;

public sealed class MigrationScriptTests
{
    [Fact]
    public void A_file_name_gives_its_version_and_name()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(folder.FullName, "0042_add_things.sql");
            File.WriteAllText(path, "SELECT 1;");

            var script = MigrationScript.FromFile(path);

            Assert.Equal((42, "add_things", "0042_add_things.sql"), (script.Version, script.Name, script.FileName));
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Theory]
    [InlineData("42_short.sql")]
    [InlineData("0001-dash.sql")]
    [InlineData("0001_Upper.sql")]
    public void A_badly_named_file_is_refused(string name)
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, name), "SELECT 1;");
            var error = Assert.Throws<InvalidOperationException>(() => MigrationScript.LoadFolder(folder.FullName));
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public void Two_files_with_one_version_are_refused()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "0001_a.sql"), "SELECT 1;");
            File.WriteAllText(Path.Combine(folder.FullName, "0001_b.sql"), "SELECT 2;");
            Assert.Throws<InvalidOperationException>(() => MigrationScript.LoadFolder(folder.FullName));
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public void The_checksum_ignores_line_endings_but_not_content()
    {
        Assert.Equal(MigrationScript.ChecksumOf("a\nb\n"), MigrationScript.ChecksumOf("a\r\nb\r\n"));
        Assert.NotEqual(MigrationScript.ChecksumOf("a\nb\n"), MigrationScript.ChecksumOf("a\nc\n"));
    }

    [Fact]
    public void The_shipped_migrations_are_numbered_without_gaps()
    {
        var scripts = MigrationScript.LoadFolder(MigrationScript.DefaultFolder);
        Assert.NotEmpty(scripts);
        Assert.Equal(Enumerable.Range(1, scripts.Count), scripts.Select(s => s.Version));
    }
}
