using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Scheduling;

/// <summary>
/// Sends what is due. A batch of rows is claimed in one short transaction (state → sending, with
/// FOR UPDATE SKIP LOCKED, so two nodes never claim the same row); each message is then sent and
/// its row marked sent straight away. The only window for a duplicate is between the SMTP server
/// accepting a message and that one-row UPDATE; a node that dies inside it leaves the row "sending",
/// and only after <see cref="SchedulingOptions.StuckAfterMinutes"/> is it tried again.
/// </summary>
public sealed class NotificationDispatcher(
    IServiceScopeFactory scopes,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    /// <summary>Sends everything due now, batch after batch; returns how many were handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await RecoverStuckAsync(ct);
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            var claimed = await ClaimAsync(null, ct);
            if (claimed.Count == 0)
            {
                break;
            }
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendParallelism, CancellationToken = ct },
                async (id, token) => await SendClaimedAsync(id, token));
            total += claimed.Count;
        }
        if (total > 0)
        {
            logger.LogInformation("Dispatched {Count} notification(s)", total);
        }
        logger.LogDebug("Dispatch run finished at {Now}", clock.GetUtcNow());
        return total;
    }

    /// <summary>Sends one row now if it is due (the welcome email, straight after enrolment).</summary>
    public async Task DispatchOneAsync(Guid id, CancellationToken ct)
    {
        foreach (var claimed in await ClaimAsync(id, ct))
        {
            await SendClaimedAsync(claimed, ct);
        }
    }

    private async Task<List<Guid>> ClaimAsync(Guid? only, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var batch = options.Value.BatchSize;
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE notifications SET state = 'Sending', claimed_at = {now}, attempts = attempts + 1, updated_at = {now}
            WHERE id IN (
                SELECT id FROM notifications
                WHERE state = 'Scheduled' AND due_at <= {now} AND ({only}::uuid IS NULL OR id = {only}::uuid)
                ORDER BY due_at
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
    }

    private async Task SendClaimedAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var composer = scope.ServiceProvider.GetRequiredService<NotificationComposer>();
        var sender = scope.ServiceProvider.GetRequiredService<IEmailSender>();
        var now = clock.GetUtcNow();
        try
        {
            var decision = await composer.ComposeAsync(id, now, ct);
            switch (decision)
            {
                case Compose.Skip skip:
                    await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.Sending).ExecuteUpdateAsync(s => s
                        .SetProperty(n => n.State, NotificationState.Cancelled)
                        .SetProperty(n => n.LastError, skip.Reason)
                        .SetProperty(n => n.UpdatedAt, now), ct);
                    return;
                case Compose.Later later:
                    await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.Sending).ExecuteUpdateAsync(s => s
                        .SetProperty(n => n.State, NotificationState.Scheduled)
                        .SetProperty(n => n.DueAt, later.DueAt.ToUniversalTime())
                        .SetProperty(n => n.Attempts, n => n.Attempts - 1)
                        .SetProperty(n => n.UpdatedAt, now), ct);
                    return;
                case Compose.Send send:
                    var result = await sender.SendAsync(send.Email, ct);
                    if (result.Sent)
                    {
                        await MarkSentAsync(db, id, result.MessageId);
                    }
                    else
                    {
                        await FailedAsync(db, id, result.Error ?? "send failed", now, ct);
                    }
                    return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Notification {NotificationId} could not be prepared", id);
            await FailedAsync(db, id, ex.Message, now, ct);
        }
    }

    /// <summary>
    /// Once the SMTP server has the message, the row must say so: a few quick tries, and never a path
    /// back to "scheduled" (that would send it twice).
    /// </summary>
    private async Task MarkSentAsync(AppDbContext db, Guid id, long messageId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.State, NotificationState.Sent)
                    .SetProperty(n => n.SentAt, clock.GetUtcNow())
                    .SetProperty(n => n.EmailMessageId, messageId == 0 ? null : messageId)
                    .SetProperty(n => n.LastError, (string?)null)
                    .SetProperty(n => n.UpdatedAt, clock.GetUtcNow()), CancellationToken.None);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Notification {NotificationId} was delivered but not yet recorded; retrying", id);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
        }
    }

    /// <summary>Backs off (1, 4, 10, 20, 30 minutes) and, after the last attempt, marks the row failed for staff.</summary>
    private static async Task FailedAsync(AppDbContext db, Guid id, string error, DateTimeOffset now, CancellationToken ct)
    {
        var attempts = await db.Notifications.Where(n => n.Id == id).Select(n => n.Attempts).SingleAsync(ct);
        var giveUp = attempts >= NotificationTiming.MaxAttempts;
        var retryAt = giveUp ? now : now + NotificationTiming.RetryDelays[Math.Clamp(attempts - 1, 0, NotificationTiming.RetryDelays.Length - 1)];
        await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.State, giveUp ? NotificationState.Failed : NotificationState.Scheduled)
            .SetProperty(n => n.DueAt, retryAt)
            .SetProperty(n => n.LastError, error.Length > 2000 ? error[..2000] : error)
            .SetProperty(n => n.UpdatedAt, now), CancellationToken.None);
    }

    private async Task RecoverStuckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = clock.GetUtcNow().AddMinutes(-options.Value.StuckAfterMinutes);
        var recovered = await db.Notifications
            .Where(n => n.State == NotificationState.Sending && n.ClaimedAt < before)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Scheduled), ct);
        if (recovered > 0)
        {
            logger.LogWarning("{Count} notification(s) were left sending by a stopped node; sending them again", recovered);
        }
    }

    /// <summary>A failed (or any unsent) notification sent again now, by staff.</summary>
    public static Task<int> ResendAsync(AppDbContext db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        db.Notifications.Where(n => n.Id == id && (n.State == NotificationState.Failed || n.State == NotificationState.Cancelled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationState.Scheduled)
                .SetProperty(n => n.DueAt, now)
                .SetProperty(n => n.Attempts, 0)
                .SetProperty(n => n.UpdatedAt, now), ct);
}
