using System.Text;
using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace BackCourse.Web.Features.Payments;

/// <summary>
/// Stands in for Stripe when no secret key is configured (never in Production): checkout goes to the
/// app's own clearly labelled test payment page, and paying or refunding there produces the same
/// signed events Stripe would send, through the same intake and fulfilment.
/// </summary>
public sealed class LocalTestGateway(
    AppDbContext db,
    StripeWebhookIntake intake,
    IOptions<AppOptions> app,
    TimeProvider clock) : IPaymentGateway
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public bool IsLocalTestMode => true;

    public Task EnsureCouponAsync(SaleCoupon coupon, CancellationToken ct) => Task.CompletedTask;

    public Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct)
    {
        var id = $"cs_test_local_{request.OrderId:N}";
        var discount = request.DiscountCents;
        return Task.FromResult(new CheckoutSession(id, $"{app.Value.PublicBaseUrl.TrimEnd('/')}/checkout/test/{id}", "open", "unpaid", null,
            request.ListPriceCents, request.ListPriceCents - discount, discount, request.OrderId.ToString(), clock.GetUtcNow()));
    }

    public async Task<CheckoutSession> GetCheckoutSessionAsync(string sessionId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.CheckoutSessionId == sessionId, ct)
                    ?? throw new PaymentGatewayException(404, "invalid_request_error", "resource_missing", "No such checkout session.");
        var paid = order.Status is OrderStatus.Paid or OrderStatus.Refunded;
        return new CheckoutSession(sessionId, order.CheckoutUrl, paid ? "complete" : order.Status == OrderStatus.Expired ? "expired" : "open",
            paid ? "paid" : "unpaid", order.PaymentIntentId, order.ListPriceCents, order.AmountCents, order.DiscountCents, order.Id.ToString(), order.CreatedAt);
    }

    /// <summary>The test page's Pay button: the event Stripe sends when a checkout is paid.</summary>
    public async Task<IntakeResult> PayAsync(Order order, CancellationToken ct)
    {
        var session = new
        {
            id = order.CheckoutSessionId,
            @object = "checkout.session",
            status = "complete",
            payment_status = "paid",
            payment_intent = $"pi_test_local_{order.Id:N}",
            amount_subtotal = order.ListPriceCents,
            amount_total = order.AmountCents,
            total_details = new { amount_discount = order.DiscountCents },
            currency = order.Currency,
            client_reference_id = order.UserId?.ToString(),
            metadata = new { order_id = order.Id.ToString(), course_id = order.CourseId.ToString() },
            created = order.CreatedAt.ToUnixTimeSeconds(),
        };
        return await SendAsync("checkout.session.completed", session, ct);
    }

    public async Task CreateRefundAsync(string paymentIntentId, Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
        var charge = new
        {
            id = $"ch_test_local_{orderId:N}",
            @object = "charge",
            payment_intent = paymentIntentId,
            amount = order.AmountCents,
            amount_refunded = order.AmountCents,
            refunded = true,
            currency = order.Currency,
        };
        await SendAsync("charge.refunded", charge, ct);
    }

    /// <summary>Signed by Stripe's SDK with the intake's own secret, so the event takes exactly the path a real one does.</summary>
    private Task<IntakeResult> SendAsync(string type, object data, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = $"evt_test_local_{Guid.NewGuid():N}",
            @object = "event",
            type,
            created = clock.GetUtcNow().ToUnixTimeSeconds(),
            livemode = false,
            api_version = StripeConfiguration.ApiVersion,
            data = new { @object = data },
        }, Json);
        return intake.AcceptAsync(Encoding.UTF8.GetBytes(body), EventUtility.GenerateSignatureHeader(body, intake.Secrets[0], clock.GetUtcNow().ToUnixTimeSeconds()), ct);
    }
}
