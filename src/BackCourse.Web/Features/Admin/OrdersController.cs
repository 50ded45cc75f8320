using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record AdminOrderRow(
    Guid Id, string? Learner, string? Email, OrderStatus Status, int AmountCents, int DiscountCents, string Currency,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? RefundRequestedAt, string? LastError);

/// <summary>Every order, and refunds: asked of Stripe here, applied when Stripe confirms them.</summary>
[Route("admin/orders")]
[Authorize(Policy = Policies.Admin)]
public sealed class OrdersController(AppDbContext db, IStripeClient stripe, TimeProvider clock, ILogger<OrdersController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await (from o in db.Orders.AsNoTracking()
                          join u in db.Users on o.UserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          orderby o.CreatedAt descending
                          select new AdminOrderRow(o.Id, u == null ? null : u.DisplayName, u == null ? null : u.Email, o.Status, o.AmountCents,
                              o.DiscountCents, o.Currency, o.CreatedAt, o.PaidAt, o.RefundRequestedAt, o.LastError))
                         .Take(500).ToListAsync(ct);
        return View("Orders", rows);
    }

    /// <param name="returnTo">Where to land afterwards (a learner's admin page); only admin pages of this site.</param>
    [HttpPost("{id:guid}/refund")]
    public async Task<IActionResult> Refund(Guid id, string? returnTo, CancellationToken ct)
    {
        var back = returnTo is not null && Url.IsLocalUrl(returnTo) && returnTo.StartsWith("/admin/", StringComparison.Ordinal) ? returnTo : "/admin/orders";
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return NotFound();
        }
        if (order.Status != OrderStatus.Paid || order.PaymentIntentId is null)
        {
            TempData["Flash"] = "Only a paid order can be refunded.";
            return Redirect(back);
        }
        try
        {
            await stripe.CreateRefundAsync(order.PaymentIntentId, order.Id, ct);
            order.RefundRequestedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = "Refund requested. Access ends as soon as Stripe confirms it.";
        }
        catch (StripeException ex)
        {
            logger.LogError(ex, "Refund of order {OrderId} failed", id);
            TempData["Flash"] = $"Stripe refused the refund: {ex.Message}";
        }
        return Redirect(back);
    }
}
