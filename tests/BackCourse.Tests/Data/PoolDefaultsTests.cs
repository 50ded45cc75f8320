using BackCourse.Web.Data;
using Npgsql;

namespace BackCourse.Tests.Data;

public sealed class PoolDefaultsTests
{
    [Fact]
    public void A_connection_string_that_says_nothing_gets_auto_prepare_and_no_reset_on_close()
    {
        var built = new NpgsqlConnectionStringBuilder(DataServiceExtensions.WithPoolDefaults("Host=db;Database=app;Username=u;Password=p"));

        Assert.Equal(64, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.True(built.NoResetOnClose);
        Assert.Equal(("db", "app", "p"), (built.Host, built.Database, built.Password));
    }

    [Fact]
    public void What_the_connection_string_says_wins()
    {
        var built = new NpgsqlConnectionStringBuilder(DataServiceExtensions.WithPoolDefaults(
            "Host=db;Database=app;Max Auto Prepare=0;No Reset On Close=false"));

        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
    }
}
