using System.Diagnostics;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace BackCourse.IntegrationTests.Scheduling;

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
            ["Scheduling:DispatchIntervalSeconds"] = "5",
        }, connectionString: cs);
        var now = app.Clock.GetUtcNow();

        await using (var dataSource = NpgsqlDataSource.Create(cs))
        {
            await using var seed = dataSource.CreateCommand("""
                WITH learners AS (
                    INSERT INTO users (id, display_name, time_zone_id, created_at, user_name, normalized_user_name, email, normalized_email,
                                       email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                    SELECT gen_random_uuid(), 'Learner ' || n, 'UTC', @now, 'scale' || n || '@example.test', upper('scale' || n || '@example.test'),
                           'scale' || n || '@example.test', upper('scale' || n || '@example.test'), true, false, false, true, 0
                    FROM generate_series(1, @count) AS n
                    RETURNING id),
                enrolled AS (
                    INSERT INTO enrolments (id, user_id, course_id, started_at, status, created_at)
                    SELECT gen_random_uuid(), l.id, (SELECT id FROM courses LIMIT 1), @started, 'Active', @started FROM learners l
                    RETURNING id, user_id)
                INSERT INTO notifications (id, enrolment_id, user_id, week, kind, due_at, state, created_at, updated_at)
                SELECT gen_random_uuid(), e.id, e.user_id, 2, 'WeekUnlock', @now + (random() * interval '59 seconds'), 'Scheduled', @started, @started
                FROM enrolled e
                """);
            seed.Parameters.AddWithValue("now", now);
            seed.Parameters.AddWithValue("started", now.AddDays(-7));
            seed.Parameters.AddWithValue("count", count);
            seed.CommandTimeout = 300;
            await seed.ExecuteNonQueryAsync();
        }
        // The week opens over the next minute; the clock (which follows real time here) moves there.
        var watch = Stopwatch.StartNew();
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        while (watch.Elapsed < TimeSpan.FromMinutes(10) && await db.Notifications.CountAsync(x => x.State == NotificationState.Sent) < count)
        {
            await Task.Delay(500);
        }
        watch.Stop();

        var sent = await db.Notifications.CountAsync(x => x.State == NotificationState.Sent);
        var received = app.Smtp.Messages.Count;
        var line = $"SCALE RESULT: {sent} of {count} week-2 emails sent, {received} received by the SMTP listener, in {watch.Elapsed.TotalSeconds:F1} s " +
                   $"({sent / Math.Max(1, watch.Elapsed.TotalSeconds):F0} per second) on {Environment.ProcessorCount} cores";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(count, sent);
        Assert.Equal(count, received);
        Assert.Equal(count, app.Smtp.Messages.SelectMany(m => m.Recipients).Distinct().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(10), line);
    }
}
