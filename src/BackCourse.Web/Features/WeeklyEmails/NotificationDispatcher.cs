using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Infrastructure;
using BackCourse.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>
/// Sends what is due, exactly once per notification row, however often Hangfire runs the job and on
/// however many nodes. Each email is claimed by locking its row (FOR UPDATE SKIP LOCKED) in a
/// transaction that stays open while the message is composed and handed to the SMTP server, and that
/// commits the row as sent straight after the server's "250". Two runs never hold the same row; a node
/// that dies mid-send loses its connection, PostgreSQL rolls the claim back at once and the row is due
/// again for any other node. The one window for a duplicate is between the server's "250" and that
/// commit (well under a millisecond on a healthy database); docs/benchmarks.md counts it with kill trials.
/// </summary>
public sealed class NotificationDispatcher(
    IServiceScopeFactory scopes,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger) : IDisposable
{
    private readonly SemaphoreSlim running = new(1, 1);

    /// <summary>
    /// What the recurring job calls: one run at a time on this node (a run that outlasts the job's interval
    /// isn't joined by another that would only compete for the SMTP pool); other nodes run alongside.
    /// </summary>
    public async Task<int> DispatchDueUnlessRunningAsync(CancellationToken ct)
    {
        if (!await running.WaitAsync(0, ct))
        {
            return 0;
        }
        try
        {
            return await DispatchDueAsync(ct);
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>Sends everything due now with <see cref="SchedulingOptions.SendParallelism"/> senders; returns how many were handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var senders = Enumerable.Range(0, options.Value.SendParallelism).Select(async _ =>
        {
            var handled = 0;
            while (!ct.IsCancellationRequested && await SendNextAsync(null, ct))
            {
                handled++;
            }
            return handled;
        });
        var total = (await Task.WhenAll(senders)).Sum();
        if (total > 0)
        {
            logger.LogInformation("Dispatched {Count} notification(s)", total);
        }
        return total;
    }

    /// <summary>Sends one row now if it is due (the welcome email, straight after enrolment).</summary>
    public Task DispatchOneAsync(Guid id, CancellationToken ct) => SendNextAsync(id, ct);

    /// <summary>Claims, composes and sends the next due row (or the one given); false when none was free.</summary>
    private async Task<bool> SendNextAsync(Guid? only, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        await using var claim = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<ClaimedRow>($"""
            SELECT id AS "Id", attempts AS "Attempts" FROM notifications
            WHERE state = 'Scheduled' AND due_at <= {now} AND ({only}::uuid IS NULL OR id = {only}::uuid)
            ORDER BY due_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return false;
        }
        var (id, attempts) = (claimed[0].Id, claimed[0].Attempts + 1);
        try
        {
            var decision = await scope.ServiceProvider.GetRequiredService<NotificationComposer>().ComposeAsync(id, now, ct);
            switch (decision)
            {
                case Compose.Skip skip:
                    await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
                        .SetProperty(n => n.State, NotificationState.Cancelled)
                        .SetProperty(n => n.LastError, skip.Reason)
                        .SetProperty(n => n.UpdatedAt, now), ct);
                    break;
                case Compose.Later later:
                    await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
                        .SetProperty(n => n.DueAt, later.DueAt.ToUniversalTime())
                        .SetProperty(n => n.UpdatedAt, now), ct);
                    break;
                case Compose.Send send:
                    // The row is marked sent (uncommitted, still ours) before the message leaves; the commit after the
                    // server's "250" is then the only step that makes it so.
                    // One Message-ID per row: if a crash ever sends it twice, a receiving server can tell it's the same email.
                    var host = new Uri(scope.ServiceProvider.GetRequiredService<IOptions<AppOptions>>().Value.PublicBaseUrl).Host;
                    var email = send.Email with { MessageId = $"{id:N}.notification@{host}" };
                    var result = await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendInTransactionAsync(email,
                        messageId => db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(n => n.State, NotificationState.Sent)
                            .SetProperty(n => n.SentAt, now)
                            .SetProperty(n => n.Attempts, attempts)
                            .SetProperty(n => n.EmailMessageId, messageId)
                            .SetProperty(n => n.LastError, (string?)null)
                            .SetProperty(n => n.UpdatedAt, now), ct), ct);
                    if (!result.Sent)
                    {
                        await FailedAsync(db, id, attempts, result.Error ?? "send failed", result.Permanent, now, CancellationToken.None);
                    }
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Notification {NotificationId} could not be prepared", id);
            // The claim's transaction may be unusable now: record the failure in a fresh one.
            await claim.RollbackAsync(CancellationToken.None);
            await using var retry = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await FailedAsync(db, id, attempts, ex.Message, permanent: false, now, CancellationToken.None);
            await retry.CommitAsync(CancellationToken.None);
            return true;
        }
        await claim.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>
    /// A temporary failure backs off (1, 4, 10, 20, 30 minutes) and, after the last attempt, marks the row
    /// failed for staff; a permanent refusal (the server said 5xx) is failed at once, never retried.
    /// </summary>
    private static async Task FailedAsync(AppDbContext db, Guid id, int attempts, string error, bool permanent, DateTimeOffset now, CancellationToken ct)
    {
        var giveUp = permanent || attempts >= NotificationTiming.MaxAttempts;
        var retryAt = giveUp ? now : now + NotificationTiming.RetryDelays[Math.Clamp(attempts - 1, 0, NotificationTiming.RetryDelays.Length - 1)];
        await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.State, giveUp ? NotificationState.Failed : NotificationState.Scheduled)
            .SetProperty(n => n.Attempts, attempts)
            .SetProperty(n => n.DueAt, retryAt)
            .SetProperty(n => n.SentAt, (DateTimeOffset?)null)
            .SetProperty(n => n.EmailMessageId, (long?)null)
            .SetProperty(n => n.LastError, error.Length > 2000 ? error[..2000] : error)
            .SetProperty(n => n.UpdatedAt, now), ct);
    }

    /// <summary>A failed (or any unsent) notification sent again now, by staff.</summary>
    public static Task<int> ResendAsync(AppDbContext db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        db.Notifications.Where(n => n.Id == id && (n.State == NotificationState.Failed || n.State == NotificationState.Cancelled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationState.Scheduled)
                .SetProperty(n => n.DueAt, now)
                .SetProperty(n => n.Attempts, 0)
                .SetProperty(n => n.UpdatedAt, now), ct);

    public void Dispose() => running.Dispose();

    private sealed record ClaimedRow(Guid Id, int Attempts);
}
