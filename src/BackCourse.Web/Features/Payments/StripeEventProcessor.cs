using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace BackCourse.Web.Features.Payments;

/// <summary>
/// What each stored Stripe event means for orders and enrolments. The SDK reads the stored payload
/// whatever API version it was sent with: the fields used here exist in every version.
/// </summary>
public sealed class StripeEventProcessor(OrderFulfilment fulfilment, ILogger<StripeEventProcessor> logger)
{
    public async Task ProcessAsync(string type, string payload, CancellationToken ct)
    {
        var stripeEvent = EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
        switch (type, stripeEvent.Data?.Object)
        {
            case ("checkout.session.completed" or "checkout.session.async_payment_succeeded", Session session):
                // completed with payment_status=unpaid is a delayed payment: async_payment_succeeded follows.
                await fulfilment.FulfilAsync(CheckoutSession.From(session), ct);
                break;
            case ("checkout.session.async_payment_failed", Session session):
                await fulfilment.CloseAsync(CheckoutSession.From(session), OrderStatus.Failed, ct);
                break;
            case ("checkout.session.expired", Session session):
                await fulfilment.CloseAsync(CheckoutSession.From(session), OrderStatus.Expired, ct);
                break;
            case ("charge.refunded", Charge { PaymentIntentId: { } paymentIntent } charge):
                var fully = charge.Refunded || charge.AmountRefunded >= charge.Amount;
                await fulfilment.RefundedAsync(paymentIntent, checked((int)charge.AmountRefunded), fully, ct);
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
