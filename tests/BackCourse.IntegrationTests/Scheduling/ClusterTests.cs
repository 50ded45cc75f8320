using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using BackCourse.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackCourse.IntegrationTests.Scheduling;

public sealed class ClusterTests
{
    private static Dictionary<string, string?> Node => new()
    {
        ["Scheduling:Enabled"] = "true",
        ["Scheduling:DispatchIntervalSeconds"] = "1",
        ["Scheduling:BatchSize"] = "20",
    };

    private static Task SeedDueAsync(string connectionString, int count, DateTimeOffset now) =>
        BulkLearners.SeedAsync(connectionString, count, "Welcome", 1, now, now);

    private static async Task<int> CountAsync(TestApp app, NotificationState state)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Notifications.CountAsync(n => n.State == state);
    }

    [Fact]
    public async Task Two_scheduler_nodes_on_one_database_send_200_due_emails_each_exactly_once()
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        await using var nodeA = await TestApp.StartAsync(Node, connectionString: cs);
        await using var nodeB = await TestApp.StartAsync(Node, connectionString: cs);
        nodeB.KeepDatabase = true; // nodeA drops it last

        await SeedDueAsync(cs, 200, nodeA.Clock.GetUtcNow());

        await Eventually.TrueAsync(async () => await CountAsync(nodeA, NotificationState.Sent) == 200, "all 200 sent", timeoutMs: 60_000, describe: async () =>
        {
            using var s = nodeA.Services.CreateScope();
            var states = await nodeA.Db(s).Notifications.GroupBy(n => new { n.State, n.LastError }).Select(g => $"{g.Key.State} {g.Key.LastError}: {g.Count()}").ToListAsync();
            return string.Join("; ", states);
        });
        await Task.Delay(1500); // let any straggling dispatch run finish
        var received = nodeA.Smtp.Messages.Concat(nodeB.Smtp.Messages).ToList();
        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.SelectMany(m => m.Recipients).Distinct().Count());
        using var scope = nodeA.Services.CreateScope();
        Assert.True(await nodeA.Db(scope).Notifications.AllAsync(n => n.Attempts == 1));
        var status = await scope.ServiceProvider.GetRequiredService<SchedulerHealth>().ReadAsync(CancellationToken.None);
        Assert.Equal(2, status.Nodes.Count);
    }

    [Fact]
    public async Task When_a_node_dies_mid_batch_another_finishes_without_losing_or_doubling()
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        await using var survivor = await TestApp.StartAsync(connectionString: cs);
        var now = survivor.Clock.GetUtcNow();
        await SeedDueAsync(cs, 60, now);

        // The dead node had claimed 30 rows and sent 10 of them before it stopped.
        await using (var dataSource = NpgsqlDataSource.Create(cs))
        {
            await using var claim = dataSource.CreateCommand("""
                WITH claimed AS (SELECT id FROM notifications ORDER BY id LIMIT 30)
                UPDATE notifications SET state = 'Sending', attempts = 1, claimed_at = @claimed WHERE id IN (SELECT id FROM claimed)
                """);
            claim.Parameters.AddWithValue("claimed", now);
            await claim.ExecuteNonQueryAsync();
            await using var sent = dataSource.CreateCommand("""
                WITH done AS (SELECT id FROM notifications WHERE state = 'Sending' ORDER BY id LIMIT 10)
                UPDATE notifications SET state = 'Sent', sent_at = @claimed WHERE id IN (SELECT id FROM done)
                """);
            sent.Parameters.AddWithValue("claimed", now);
            await sent.ExecuteNonQueryAsync();
        }
        var dispatcher = survivor.Services.GetRequiredService<NotificationDispatcher>();

        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Equal(30, survivor.Smtp.Messages.Count);                  // the 30 never claimed
        Assert.Equal(20, await CountAsync(survivor, NotificationState.Sending)); // the dead node's, not yet presumed dead

        survivor.Clock.Advance(TimeSpan.FromMinutes(11));
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(50, survivor.Smtp.Messages.Count);
        Assert.Equal(60, await CountAsync(survivor, NotificationState.Sent));
        Assert.Equal(50, survivor.Smtp.Messages.SelectMany(m => m.Recipients).Distinct().Count());
    }
}
