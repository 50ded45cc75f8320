using System.Diagnostics;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BackCourse.IntegrationTests.Features.WeeklyEmails;

/// <summary>
/// The scale run (<c>./backcourse scale-emails</c>, not part of the normal test run): 10,000 learners
/// whose week 2 opens in the same minute, one scheduler node, a real SMTP listener on loopback.
/// It reports how long delivery took; the figure goes in docs/benchmarks.md.
/// </summary>
[Trait("Category", "Scale")]
public sealed class ScaleRun(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_week_emails_due_in_the_same_minute_are_all_delivered_within_ten_minutes()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("BACKCOURSE_SCALE_COUNT"), out var n) ? n : 10_000;
        var cs = await TestDatabase.CreateMigratedAsync();
        await using var app = await TestApp.StartAsync(new()
        {
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:DispatchCron"] = "* * * * * *",
            ["Scheduling:PollIntervalMs"] = "1000",
            ["Scheduling:SendParallelism"] = Environment.GetEnvironmentVariable("BACKCOURSE_SCALE_PARALLELISM") ?? "8",
            ["Email:Smtp:PoolSize"] = Environment.GetEnvironmentVariable("BACKCOURSE_SCALE_PARALLELISM") ?? "8",
        }, connectionString: cs);
        var now = app.Clock.GetUtcNow();

        // Week 2 opens for all of them at the same moment (the app's clock follows real time here).
        await BulkLearners.SeedAsync(cs, count, "WeekUnlock", 2, now.AddDays(-7), now);
        var watch = Stopwatch.StartNew();

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        // Only the week-2 unlock emails count: the hourly reminder scan may owe these idle learners a nudge too.
        while (watch.Elapsed < TimeSpan.FromMinutes(10) && await db.Notifications.CountAsync(x => x.Kind == NotificationKind.WeekUnlock && x.State == NotificationState.Sent) < count)
        {
            await Task.Delay(500);
        }
        watch.Stop();

        var sent = await db.Notifications.CountAsync(x => x.Kind == NotificationKind.WeekUnlock && x.State == NotificationState.Sent);
        var unlocks = app.Smtp.Messages.Where(m => m.Subject.StartsWith("Week 2 is open", StringComparison.Ordinal)).ToList();
        var received = unlocks.Count;
        var line = $"SCALE RESULT: {sent} of {count} week-2 emails sent, {received} received by the SMTP listener, in {watch.Elapsed.TotalSeconds:F1} s " +
                   $"({sent / Math.Max(1, watch.Elapsed.TotalSeconds):F0} per second) on {Environment.ProcessorCount} cores";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(count, sent);
        Assert.Equal(count, received);
        Assert.Equal(count, unlocks.SelectMany(m => m.Recipients).Distinct().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(10), line);
    }
}
