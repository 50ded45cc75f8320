using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.WeeklyEmails;

/// <summary>
/// A real second node, as its own process, killed (SIGKILL) in the middle of sending unlock emails:
/// the surviving node finishes the job and every learner gets their email once.
/// </summary>
public sealed class KilledNodeTests
{
    private const int Due = 120;

    [Fact]
    public async Task Unlock_emails_are_each_sent_once_when_a_node_is_killed_mid_run()
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        var now = DateTimeOffset.UtcNow; // the killed node runs on the real clock
        await BulkLearners.SeedAsync(cs, Due, "WeekUnlock", 2, now.AddDays(-7), now.AddSeconds(-30));

        await using var sinkA = new SmtpSink();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        // The 25th message is held with its sender waiting for "250": that is when the node dies.
        sinkA.BeforeAccepting = async () =>
        {
            if (Interlocked.Increment(ref arrived) == 25)
            {
                holding.SetResult();
                await killed.Task;
            }
        };

        using var nodeA = NodeProcess.Start(cs, sinkA.Port, sendParallelism: 1, "killed-node-a");
        try
        {
            await holding.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail("node A never reached its 25th email: " + nodeA.RecentOutput);
        }
        await nodeA.KillAsync();
        killed.SetResult();
        Assert.Equal(24, sinkA.Messages.Count);

        // The survivor sends the rest, the held one too: the dead node's claim died with its connection.
        await using var nodeB = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:DispatchCron"] = "* * * * * *",
            ["Scheduling:PollIntervalMs"] = "200",
        }, connectionString: cs, now: DateTimeOffset.UtcNow);

        await Eventually.TrueAsync(async () => await SentAsync(nodeB) == Due, $"all {Due} unlock emails sent", timeoutMs: 90_000);
        // Only the unlock emails: the survivor may also remind these (inactive) learners, which is right.
        var unlocks = sinkA.Messages.Concat(nodeB.Smtp.Messages).Where(m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal)).ToList();
        Assert.Equal(Due, unlocks.Count);
        Assert.Equal(Due, unlocks.SelectMany(m => m.Recipients).Distinct().Count());
        Assert.Equal(Due - 24, nodeB.Smtp.Messages.Count(m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal)));
    }

    private static async Task<int> SentAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Notifications.CountAsync(n => n.Kind == NotificationKind.WeekUnlock && n.State == NotificationState.Sent);
    }
}
