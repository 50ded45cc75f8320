using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Payments;

public enum RefundRequest
{
    NotFound,
    NotRefundable,
    Requested,
    Refused,
}

/// <summary>
/// A refund is asked of the payment provider here and applied only when its event confirms it
/// (<see cref="OrderFulfilment.RefundedAsync"/>), so access never ends for a refund that didn't happen.
/// </summary>
public sealed class OrderRefunds(AppDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger<OrderRefunds> logger)
{
    public async Task<(RefundRequest Result, string? Error)> RequestAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return (RefundRequest.NotFound, null);
        }
        if (order.Status != OrderStatus.Paid || order.PaymentIntentId is null)
        {
            return (RefundRequest.NotRefundable, null);
        }
        try
        {
            await gateway.CreateRefundAsync(order.PaymentIntentId, order.Id, ct);
            order.RefundRequestedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return (RefundRequest.Requested, null);
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogError(ex, "Refund of order {OrderId} failed: {Status} {Type} {Code}", orderId, ex.Status, ex.Type, ex.Code);
            return (RefundRequest.Refused, ex.Message);
        }
    }
}
