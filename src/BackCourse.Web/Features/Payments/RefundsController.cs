using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Payments;

/// <summary>The admin's refund button on the orders and learner pages.</summary>
[Route("admin/orders")]
[Authorize(Policy = Policies.Admin)]
public sealed class RefundsController(OrderRefunds refunds) : Controller
{
    /// <param name="returnTo">Where to land afterwards (a learner's admin page); only admin pages of this site.</param>
    [HttpPost("{id:guid}/refund")]
    public async Task<IActionResult> Refund(Guid id, string? returnTo, CancellationToken ct)
    {
        var back = returnTo is not null && Url.IsLocalUrl(returnTo) && returnTo.StartsWith("/admin/", StringComparison.Ordinal) ? returnTo : "/admin/orders";
        var (result, error) = await refunds.RequestAsync(id, ct);
        if (result == RefundRequest.NotFound)
        {
            return NotFound();
        }
        TempData["Flash"] = result switch
        {
            RefundRequest.NotRefundable => "Only a paid order can be refunded.",
            RefundRequest.Requested => "Refund requested. Access ends as soon as Stripe confirms it.",
            _ => $"Stripe refused the refund: {error}",
        };
        return Redirect(back);
    }
}
