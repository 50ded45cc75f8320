using BackCourse.Web.Features.WeeklyEmails;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using BackCourse.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackCourse.IntegrationTests.Features.WeeklyEmails;

public sealed class ClusterTests
{
    private static Dictionary<string, string?> Node => new()
    {
        ["Scheduling:Enabled"] = "true",
        ["Scheduling:DispatchCron"] = "* * * * * *",
        ["Scheduling:PollIntervalMs"] = "200",
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
        // Every row is sent, so nothing is left for a late run to send: the listener has the whole story.
        var received = nodeA.Smtp.Messages.Concat(nodeB.Smtp.Messages).ToList();
        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.SelectMany(m => m.Recipients).Distinct().Count());
        using var scope = nodeA.Services.CreateScope();
        Assert.True(await nodeA.Db(scope).Notifications.AllAsync(n => n.Attempts == 1));
        // Both nodes' Hangfire servers are listed (each announces itself from its own background thread).
        await Eventually.TrueAsync(async () =>
            (await scope.ServiceProvider.GetRequiredService<SchedulerHealth>().ReadAsync(CancellationToken.None)).Nodes.Count == 2, "two Hangfire servers listed");
    }

    [Fact]
    public async Task When_a_node_dies_mid_send_another_finishes_without_losing_or_doubling()
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        await using var survivor = await TestApp.StartAsync(connectionString: cs);
        var now = survivor.Clock.GetUtcNow();
        await SeedDueAsync(cs, 60, now);
        var dispatcher = survivor.Services.GetRequiredService<NotificationDispatcher>();

        // The other node had sent 10 and was in the middle of sending 20 more: their rows are locked by its
        // open transactions, as the dispatcher's claims are.
        await using var dataSource = NpgsqlDataSource.Create(cs);
        await using (var sent = dataSource.CreateCommand("""
            WITH done AS (SELECT id FROM notifications ORDER BY id LIMIT 10)
            UPDATE notifications SET state = 'Sent', sent_at = now(), attempts = 1 WHERE id IN (SELECT id FROM done)
            """))
        {
            await sent.ExecuteNonQueryAsync();
        }
        var dyingNode = await dataSource.OpenConnectionAsync();
        var claims = await dyingNode.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            "SELECT id FROM notifications WHERE state = 'Scheduled' ORDER BY id LIMIT 20 FOR UPDATE", dyingNode, claims))
        {
            await claim.ExecuteNonQueryAsync();
        }

        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Equal(30, survivor.Smtp.Messages.Count); // the 30 nobody held, and none of the 20 in flight elsewhere

        // The node dies: its connection drops, PostgreSQL rolls its claims back, and the rows are free at once.
        await dyingNode.DisposeAsync();
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(50, survivor.Smtp.Messages.Count);
        Assert.Equal(60, await CountAsync(survivor, NotificationState.Sent));
        Assert.Equal(50, survivor.Smtp.Messages.SelectMany(m => m.Recipients).Distinct().Count());
    }
}
