using System.Diagnostics;
using BackCourse.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace BackCourse.IntegrationTests.Features.WeeklyEmails;

/// <summary>
/// The kill trials (<c>./backcourse kill-trials [N]</c>, not part of the normal test run). Each trial:
/// two nodes, each its own process with its own Hangfire server, share one database and a wave of
/// week-2 unlock emails due at once; a random 0-40 ms after a random share of the wave has reached the
/// SMTP listener, one node is killed outright (SIGKILL) and the survivor finishes. Then the listener is asked what it
/// got: emails lost (a learner with none) and emails sent twice. The figures go in docs/benchmarks.md.
/// </summary>
[Trait("Category", "KillTrial")]
public sealed class KillTrials(ITestOutputHelper output)
{
    private const int Wave = 400;

    [Fact]
    public async Task Killing_a_node_mid_wave_loses_no_email_and_sends_none_twice()
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("BACKCOURSE_KILL_TRIALS"), out var n) && n > 0 ? n : 20;
        // BACKCOURSE_KILL_PAUSE_MS=0 kills right at an arrival: the hardest case for the duplicate window.
        var maxPause = int.TryParse(Environment.GetEnvironmentVariable("BACKCOURSE_KILL_PAUSE_MS"), out var p) && p >= 0 ? p : 40;
        var random = new Random();
        int lostTotal = 0, doubledTotal = 0, trialsWithLoss = 0, trialsWithDuplicates = 0;
        var watch = Stopwatch.StartNew();
        for (var trial = 1; trial <= trials; trial++)
        {
            var killAt = random.Next(Wave / 10, Wave * 7 / 10);
            var pause = random.Next(0, maxPause + 1);
            var (lost, doubled, survivorSent, detail) = await RunTrialAsync(trial, killAt, pause);
            lostTotal += lost;
            doubledTotal += doubled;
            trialsWithLoss += lost > 0 ? 1 : 0;
            trialsWithDuplicates += doubled > 0 ? 1 : 0;
            Report($"trial {trial}: killed a node {pause} ms after {killAt} of {Wave} emails had arrived; the survivor sent {survivorSent}; lost {lost}, sent twice {doubled}{detail}");
        }
        var line = $"KILL TRIALS RESULT: {trials} trials of a {Wave}-email wave on two nodes, one killed (SIGKILL) mid-wave each time, 0-{maxPause} ms after an arrival: " +
                   $"{lostTotal} emails lost ({trialsWithLoss} trials), {doubledTotal} sent twice ({trialsWithDuplicates} trials), in {watch.Elapsed.TotalMinutes:F1} min " +
                   $"on {Environment.ProcessorCount} cores";
        Report(line);
        Assert.Equal(0, lostTotal);
    }

    private async Task<(int Lost, int Doubled, int SurvivorSent, string Detail)> RunTrialAsync(int trial, int killAt, int pauseMs)
    {
        var cs = await TestDatabase.CreateMigratedAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            await BulkLearners.SeedAsync(cs, Wave, "WeekUnlock", 2, now.AddDays(-7), now.AddSeconds(-1));
            await using var smtp = new SmtpSink();
            using var a = NodeProcess.Start(cs, smtp.Port, sendParallelism: 4, $"trial-{trial}-a");
            using var b = NodeProcess.Start(cs, smtp.Port, sendParallelism: 4, $"trial-{trial}-b");
            var (victim, survivor) = trial % 2 == 0 ? (a, b) : (b, a);

            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (Unlocks(smtp).Count < killAt)
            {
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"trial {trial}: only {Unlocks(smtp).Count} emails arrived before the kill. Node output:\n{a.RecentOutput}\n{b.RecentOutput}");
                }
                await Task.Delay(5);
            }
            // Not at the arrival itself (that would catch a sender between the server's "250" and its commit more
            // often than chance), but a random few milliseconds later, as a crash would come.
            await Task.Delay(pauseMs);
            await victim.KillAsync();
            var atKill = Unlocks(smtp).Count;

            // The survivor finishes the wave; a row still 'Scheduled' after the deadline counts as lost.
            deadline = DateTime.UtcNow.AddSeconds(120);
            while (await UnsentAsync(cs) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            await survivor.KillAsync();

            var unlocks = Unlocks(smtp);
            var recipients = unlocks.SelectMany(m => m.Recipients).ToList();
            var distinct = recipients.Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var unsent = await UnsentAsync(cs);
            var detail = unsent > 0 ? $" ({unsent} rows still unsent)" : "";
            return (Wave - distinct, recipients.Count - distinct, unlocks.Count - atKill, detail);
        }
        finally
        {
            await TestDatabase.DropAsync(cs);
        }
    }

    private static List<ReceivedMessage> Unlocks(SmtpSink smtp) =>
        [.. smtp.Messages.Where(m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal))];

    private static async Task<long> UnsentAsync(string cs)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM notifications WHERE kind = 'WeekUnlock' AND state <> 'Sent'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
