using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.Payments;

public sealed record CheckoutPageModel(Course Course, string ListPrice, string SalePrice, int DiscountPercent, bool TestMode, string? Error);

public sealed record TestPaymentModel(Order Order, string CourseTitle, string List, string Discount, string Total);

/// <summary>Buying the course: a pending order, Stripe's hosted page (or the local test page), and the return.</summary>
[Route("checkout")]
[Authorize]
public sealed class CheckoutController(
    AppDbContext db,
    IPaymentGateway stripe,
    OrderFulfilment fulfilment,
    IOptions<AppOptions> app,
    IOptions<StripeOptions> stripeOptions,
    TimeProvider clock,
    ILogger<CheckoutController> logger) : Controller
{
    [HttpGet("{slug}")]
    public async Task<IActionResult> Index(string slug, CancellationToken ct)
    {
        var (course, refusal) = await BuyableAsync(slug, ct);
        return refusal ?? View("Index", Model(course!, null));
    }

    [HttpPost("{slug}")]
    public async Task<IActionResult> Start(string slug, CancellationToken ct)
    {
        var (found, refusal) = await BuyableAsync(slug, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var course = found!;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == User.UserId(), ct);
        // A second tab or a double click continues the checkout already open, instead of a second payment.
        var open = await db.Orders.AsNoTracking()
            .Where(o => o.UserId == user.Id && o.CourseId == course.Id && o.Status == OrderStatus.Pending
                        && o.CheckoutUrl != null && o.CreatedAt > clock.GetUtcNow().AddHours(-23))
            .OrderByDescending(o => o.CreatedAt).FirstOrDefaultAsync(ct);
        if (open?.CheckoutUrl is not null)
        {
            return Redirect(open.CheckoutUrl);
        }
        var order = new Order
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            CourseId = course.Id,
            Status = OrderStatus.Pending,
            ListPriceCents = course.ListPriceCents,
            DiscountCents = course.ListPriceCents - course.SalePriceCents,
            AmountCents = course.SalePriceCents,
            Currency = course.Currency,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);

        var baseUrl = app.Value.PublicBaseUrl.TrimEnd('/');
        try
        {
            var coupon = SaleCoupon.For(stripeOptions.Value.CouponId, course.ListPriceCents, course.SalePriceCents, course.Currency);
            if (coupon is not null)
            {
                await stripe.EnsureCouponAsync(coupon, ct);
            }
            var checkout = await stripe.CreateCheckoutSessionAsync(new CheckoutRequest(
                order.Id, course.Id, user.Id, user.Email!, course.Title, course.ListPriceCents, course.Currency,
                coupon?.Id, order.DiscountCents,
                $"{baseUrl}/checkout/success?session_id={{CHECKOUT_SESSION_ID}}",
                $"{baseUrl}/checkout/cancelled?order={order.Id}"), ct);
            order.CheckoutSessionId = checkout.Id;
            order.CheckoutUrl = checkout.Url;
            await db.SaveChangesAsync(ct);
            return Redirect(checkout.Url!);
        }
        catch (PaymentGatewayException ex)
        {
            logger.LogError(ex, "Stripe refused to start checkout for order {OrderId}: {Status} {Type} {Code}", order.Id, ex.Status, ex.Type, ex.Code);
            order.LastError = $"{ex.Status} {ex.Type} {ex.Code}: {ex.Message}";
            await db.SaveChangesAsync(CancellationToken.None);
            return View("Index", Model(course, ex.LearnerMessage));
        }
    }

    [HttpGet("success")]
    public async Task<IActionResult> Success([FromQuery(Name = "session_id")] string? sessionId, CancellationToken ct)
    {
        var order = sessionId is null ? null : await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.CheckoutSessionId == sessionId && o.UserId == User.UserId(), ct);
        if (order is null)
        {
            return NotFound();
        }
        if (order.Status == OrderStatus.Pending)
        {
            // The webhook may be late: ask Stripe, and fulfil through the same idempotent function.
            try
            {
                var checkout = await stripe.GetCheckoutSessionAsync(sessionId!, ct);
                order = await fulfilment.FulfilAsync(checkout, ct) ?? order;
            }
            catch (PaymentGatewayException ex)
            {
                logger.LogWarning(ex, "Could not read checkout session {SessionId} from Stripe", sessionId);
            }
        }
        if (order.Status == OrderStatus.Paid)
        {
            TempData["Flash"] = "Payment confirmed. Welcome to the course!";
            return Redirect("/learn");
        }
        return View("Confirming", order);
    }

    [HttpGet("cancelled")]
    public IActionResult Cancelled()
    {
        TempData["Flash"] = "Checkout cancelled: nothing was charged. You can buy whenever you're ready.";
        return Redirect("/");
    }

    [HttpGet("test/{sessionId}")]
    public async Task<IActionResult> TestPayment(string sessionId, CancellationToken ct)
    {
        var order = await TestOrderAsync(sessionId, ct);
        if (order is null)
        {
            return NotFound();
        }
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == order.CourseId, ct);
        return View("TestPayment", new TestPaymentModel(order, course.Title,
            Money.Format(order.ListPriceCents, order.Currency), Money.Format(order.DiscountCents, order.Currency), Money.Format(order.AmountCents, order.Currency)));
    }

    [HttpPost("test/{sessionId}")]
    public async Task<IActionResult> TestPay(string sessionId, CancellationToken ct)
    {
        var order = await TestOrderAsync(sessionId, ct);
        if (order is null)
        {
            return NotFound();
        }
        if (order.Status == OrderStatus.Pending)
        {
            await ((LocalTestGateway)stripe).PayAsync(order, ct);
        }
        return Redirect($"/checkout/success?session_id={Uri.EscapeDataString(sessionId)}");
    }

    /// <summary>The local test page exists only without Stripe keys, and only for the order's own buyer.</summary>
    private async Task<Order?> TestOrderAsync(string sessionId, CancellationToken ct) =>
        stripe.IsLocalTestMode
            ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.CheckoutSessionId == sessionId && o.UserId == User.UserId(), ct)
            : null;

    /// <summary>The course to buy, or why not: no such course (404), or the learner already owns it.</summary>
    private async Task<(Course?, IActionResult?)> BuyableAsync(string slug, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (course is null)
        {
            return (null, NotFound());
        }
        var userId = User.UserId();
        if (await db.Enrolments.AnyAsync(e => e.UserId == userId && e.CourseId == course.Id
                                              && (e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Paused), ct))
        {
            TempData["Flash"] = "You already have this course: no need to buy it again.";
            return (null, Redirect("/learn"));
        }
        return (course, null);
    }

    private CheckoutPageModel Model(Course course, string? error) => new(course,
        Money.Format(course.ListPriceCents, course.Currency), Money.Format(course.SalePriceCents, course.Currency),
        Money.DiscountPercent(course.ListPriceCents, course.SalePriceCents), stripe.IsLocalTestMode, error);
}
