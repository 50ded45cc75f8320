using System.Diagnostics;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Scheduling;

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

        using var nodeA = StartNode(cs, sinkA.Port);
        try
        {
            await holding.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail("node A never reached its 25th email: " + await NodeOutputAsync(nodeA));
        }
        nodeA.Kill(entireProcessTree: true);
        await nodeA.WaitForExitAsync();
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

    /// <summary>The built app, run as its own process with one email at a time, small batches and the real clock.</summary>
    private static Process StartNode(string connectionString, int smtpPort)
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "BackCourse.Web.dll"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Testing";
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        env["ConnectionStrings__Default"] = connectionString;
        env["App__PublicBaseUrl"] = "https://localhost";
        env["App__MigrateOnStartup"] = "false";
        env["Email__Smtp__Host"] = "127.0.0.1";
        env["Email__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Stripe__AllowTestPaymentPage"] = "true";
        env["Scheduling__Enabled"] = "true";
        env["Scheduling__DispatchCron"] = "* * * * * *";
        env["Scheduling__PollIntervalMs"] = "200";
        env["Scheduling__SendParallelism"] = "1";
        env["Media__Folder"] = Path.Combine(Path.GetTempPath(), "backcourse-media-node-a");
        env["Logging__LogLevel__Default"] = "Warning";
        env["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        var process = new Process { StartInfo = start };
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Outputs[process.Id] = output;
        return process;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Collections.Concurrent.ConcurrentQueue<string>> Outputs = new();

    private static Task<string> NodeOutputAsync(Process process) =>
        Task.FromResult(string.Join("\n", Outputs.TryGetValue(process.Id, out var lines) ? lines.TakeLast(30) : []));
}
