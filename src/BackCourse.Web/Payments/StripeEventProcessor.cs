using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Payments;

/// <summary>What each stored Stripe event means for orders and enrolments.</summary>
public sealed class StripeEventProcessor(OrderFulfilment fulfilment, ILogger<StripeEventProcessor> logger)
{
    public async Task ProcessAsync(string type, string payload, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(payload);
        var data = json.RootElement.GetProperty("data").GetProperty("object");
        switch (type)
        {
            case "checkout.session.completed":
            case "checkout.session.async_payment_succeeded":
                // completed with payment_status=unpaid is a delayed payment: async_payment_succeeded follows.
                await fulfilment.FulfilAsync(CheckoutSession.FromJson(data), ct);
                break;
            case "checkout.session.async_payment_failed":
                await fulfilment.CloseAsync(CheckoutSession.FromJson(data), OrderStatus.Failed, ct);
                break;
            case "checkout.session.expired":
                await fulfilment.CloseAsync(CheckoutSession.FromJson(data), OrderStatus.Expired, ct);
                break;
            case "charge.refunded":
                var paymentIntent = data.TryGetProperty("payment_intent", out var pi) && pi.ValueKind == JsonValueKind.String ? pi.GetString() : null;
                if (paymentIntent is null)
                {
                    break;
                }
                var amount = data.GetProperty("amount").GetInt32();
                var refunded = data.GetProperty("amount_refunded").GetInt32();
                var fully = (data.TryGetProperty("refunded", out var r) && r.ValueKind == JsonValueKind.True) || refunded >= amount;
                await fulfilment.RefundedAsync(paymentIntent, refunded, fully, ct);
                break;
            default:
                logger.LogDebug("Ignoring Stripe event type {Type}", type);
                break;
        }
    }
}

/// <summary>
/// Processes stored events off the request, one at a time per node and safely across nodes
/// (FOR UPDATE SKIP LOCKED). Woken at once by the intake; polls too, for events another node stored
/// or that failed before and are due a retry.
/// </summary>
public sealed class StripeEventWorker(IServiceScopeFactory scopes, StripeEventSignal signal, ILogger<StripeEventWorker> logger) : BackgroundService
{
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessOneAsync(stoppingToken))
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Processing Stripe events failed; will try again");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Processes the oldest pending event; false when there is none. The event is leased (claimed_at)
    /// in a short transaction rather than locked for the whole run, so what processing writes is
    /// committed step by step and visible to the welcome email's sender; a lease older than five
    /// minutes (a node died) is taken over. Processing is idempotent, so a takeover is harmless.
    /// </summary>
    public async Task<bool> ProcessOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var leaseExpired = now.AddMinutes(-5);
        var claimed = await db.StripeEvents.FromSql($"""
            UPDATE stripe_events SET claimed_at = {now}, attempts = attempts + 1
            WHERE id = (
                SELECT id FROM stripe_events
                WHERE processed_at IS NULL AND attempts < {MaxAttempts} AND (claimed_at IS NULL OR claimed_at < {leaseExpired})
                ORDER BY received_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return false;
        }
        var evt = claimed[0];
        try
        {
            await scope.ServiceProvider.GetRequiredService<StripeEventProcessor>().ProcessAsync(evt.Type, evt.Payload, ct);
            await db.StripeEvents.Where(e => e.Id == evt.Id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ProcessedAt, now)
                .SetProperty(e => e.Error, (string?)null), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Stripe event {EventId} ({Type}) failed", evt.Id, evt.Type);
            // The lease stays: the event is retried when it expires (5 minutes), and later events go first.
            await db.StripeEvents.Where(e => e.Id == evt.Id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Error, ex.Message), CancellationToken.None);
            return true;
        }
    }
}
