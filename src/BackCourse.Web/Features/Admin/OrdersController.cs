using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record AdminOrderRow(
    Guid Id, string? Learner, string? Email, OrderStatus Status, int AmountCents, int DiscountCents, string Currency,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? RefundRequestedAt, string? LastError);

/// <summary>Every order; the refund button on it posts to the Payments feature.</summary>
[Route("admin/orders")]
[Authorize(Policy = Policies.Admin)]
public sealed class OrdersController(AppDbContext db) : Controller
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
}
