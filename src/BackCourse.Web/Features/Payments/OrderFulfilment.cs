using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Enrolments;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Payments;

/// <summary>
/// The one function that turns a paid Checkout Session into an enrolment. It is safe to run any
/// number of times, from the webhook and from the success page, on any node: the order row is locked,
/// a paid order is never fulfilled twice, and the welcome email is one notification row, claimed once.
/// </summary>
public sealed class OrderFulfilment(
    AppDbContext db,
    EnrolmentAccess enrolments,
    IEnrolmentLifecycle lifecycle,
    TimeProvider clock,
    ILogger<OrderFulfilment> logger)
{
    public async Task<Order?> FulfilAsync(CheckoutSession session, CancellationToken ct)
    {
        if (!session.IsPaid)
        {
            return null;
        }
        var ownTransaction = db.Database.CurrentTransaction is null;
        var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var order = await LockOrderAsync(session, ct);
            if (order is null)
            {
                logger.LogWarning("Paid checkout session {SessionId} matches no order", session.Id);
                return null;
            }
            Enrolment? started = null;
            if (order.Status is OrderStatus.Pending or OrderStatus.Failed or OrderStatus.Expired)
            {
                var now = clock.GetUtcNow();
                order.Status = OrderStatus.Paid;
                order.PaidAt = now;
                order.PaymentIntentId = session.PaymentIntentId ?? order.PaymentIntentId;
                order.AmountCents = session.AmountTotal ?? order.AmountCents;
                order.DiscountCents = session.AmountDiscount ?? order.DiscountCents;
                order.ListPriceCents = session.AmountSubtotal ?? order.ListPriceCents;

                // A refund can arrive before the payment's completion: then there is nothing to give.
                var refund = order.PaymentIntentId is null ? null
                    : await db.PaymentRefunds.AsNoTracking().SingleOrDefaultAsync(r => r.PaymentIntentId == order.PaymentIntentId && r.FullyRefunded, ct);
                if (refund is not null)
                {
                    order.Status = OrderStatus.Refunded;
                    order.RefundedAt = refund.At;
                    await db.SaveChangesAsync(ct);
                }
                else if (order.UserId is { } userId)
                {
                    await db.SaveChangesAsync(ct);
                    started = await enrolments.GrantAsync(userId, order.CourseId, now, ct);
                }
            }
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
            if (order.Status == OrderStatus.Paid && order.UserId is not null)
            {
                // On every run, not just the first: scheduling is idempotent (one row per email) and the
                // welcome row's claim sends it once, so a run that failed half-way is completed by the next.
                started ??= await db.Enrolments.AsNoTracking().SingleAsync(e => e.UserId == order.UserId && e.CourseId == order.CourseId, CancellationToken.None);
                await lifecycle.StartedAsync(started, CancellationToken.None);
            }
            return order;
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A full refund Stripe confirmed: the order is refunded and, unless another paid order still
    /// covers the course, the learner's access ends. One transaction, so a failure half-way is retried whole.
    /// </summary>
    public async Task RefundedAsync(string paymentIntentId, int amountRefunded, bool fully, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Enrolment? ended = null;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO payment_refunds (payment_intent_id, amount_refunded_cents, fully_refunded, at)
                VALUES ({paymentIntentId}, {amountRefunded}, {fully}, {now})
                ON CONFLICT (payment_intent_id) DO UPDATE
                SET amount_refunded_cents = GREATEST(payment_refunds.amount_refunded_cents, EXCLUDED.amount_refunded_cents),
                    fully_refunded = payment_refunds.fully_refunded OR EXCLUDED.fully_refunded
                """, ct);
            var order = fully
                ? await db.Orders.FromSql($"SELECT * FROM orders WHERE payment_intent_id = {paymentIntentId} FOR UPDATE").SingleOrDefaultAsync(ct)
                : null;
            if (order is not null && order.Status == OrderStatus.Paid)
            {
                order.Status = OrderStatus.Refunded;
                order.RefundedAt = now;
                await db.SaveChangesAsync(ct);
                var stillPaid = await db.Orders.AnyAsync(o => o.Id != order.Id && o.UserId == order.UserId && o.CourseId == order.CourseId && o.Status == OrderStatus.Paid, ct);
                var enrolment = stillPaid || order.UserId is null ? null
                    : await db.Enrolments.SingleOrDefaultAsync(e => e.UserId == order.UserId && e.CourseId == order.CourseId, ct);
                if (enrolment is { GivesAccess: true })
                {
                    if (enrolment.PausedAt is { } pausedAt)
                    {
                        enrolment.PausedTotal += now - pausedAt;
                        enrolment.PausedAt = null;
                    }
                    enrolment.Status = EnrolmentStatus.Refunded;
                    await db.SaveChangesAsync(ct);
                    ended = enrolment;
                }
            }
            await tx.CommitAsync(ct);
        }
        if (ended is not null)
        {
            await lifecycle.RefundedAsync(ended, CancellationToken.None);
        }
    }

    public async Task CloseAsync(CheckoutSession session, OrderStatus status, CancellationToken ct) =>
        await db.Orders
            .Where(o => o.CheckoutSessionId == session.Id && o.Status == OrderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, status), ct);

    private async Task<Order?> LockOrderAsync(CheckoutSession session, CancellationToken ct)
    {
        var order = await db.Orders.FromSql($"SELECT * FROM orders WHERE checkout_session_id = {session.Id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (order is null && Guid.TryParse(session.OrderId, out var orderId))
        {
            order = await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {orderId} FOR UPDATE").SingleOrDefaultAsync(ct);
        }
        return order;
    }

}
