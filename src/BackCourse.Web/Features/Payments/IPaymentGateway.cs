namespace BackCourse.Web.Features.Payments;

public sealed record CheckoutRequest(
    Guid OrderId, Guid CourseId, Guid UserId, string CustomerEmail, string ProductName,
    int ListPriceCents, string Currency, string? CouponId, int DiscountCents, string SuccessUrl, string CancelUrl);

/// <summary>
/// The sale as a Stripe coupon: a whole percentage when that gives the sale price to the cent (12 → 9 is
/// 25 %), otherwise an exact amount off. The id names the discount, so a price change makes a new coupon.
/// </summary>
public sealed record SaleCoupon(string Id, int? PercentOff, int? AmountOffCents, string Currency, string Name)
{
    public static SaleCoupon? For(string baseId, int listCents, int saleCents, string currency)
    {
        var discount = listCents - saleCents;
        if (discount <= 0)
        {
            return null;
        }
        return discount * 100 % listCents == 0
            ? new SaleCoupon($"{baseId}-{discount * 100 / listCents}pct", discount * 100 / listCents, null, currency, $"{discount * 100 / listCents}% off")
            : new SaleCoupon($"{baseId}-{discount}{currency}", null, discount, currency, "Sale");
    }
}

/// <summary>The parts of a Checkout Session BackCourse reads, whoever produced it (Stripe's SDK or the local test page).</summary>
public sealed record CheckoutSession(
    string Id, string? Url, string Status, string PaymentStatus, string? PaymentIntentId,
    int? AmountSubtotal, int? AmountTotal, int? AmountDiscount, string? OrderId, DateTimeOffset? Created)
{
    public bool IsPaid => Status == "complete" && PaymentStatus is "paid" or "no_payment_required";

    public static CheckoutSession From(Stripe.Checkout.Session s) => new(
        s.Id, s.Url, s.Status ?? "", s.PaymentStatus ?? "", s.PaymentIntentId,
        Cents(s.AmountSubtotal), Cents(s.AmountTotal), Cents(s.TotalDetails?.AmountDiscount),
        s.Metadata is not null && s.Metadata.TryGetValue("order_id", out var orderId) ? orderId : null,
        s.Created == default ? null : new DateTimeOffset(DateTime.SpecifyKind(s.Created, DateTimeKind.Utc)));

    private static int? Cents(long? amount) => amount is { } a ? checked((int)a) : null;
}

/// <summary>A payment provider error, in words for the learner; the provider's details go to the log.</summary>
public sealed class PaymentGatewayException(int status, string? type, string? code, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;
    public string? Type { get; } = type;
    public string? Code { get; } = code;

    public string LearnerMessage => Status switch
    {
        402 => "The payment provider declined the request. No money was taken; please try again or use another card.",
        0 or 429 or >= 500 => "The payment provider is busy right now. No money was taken; please try again in a minute.",
        _ => "We couldn't start the payment just now. No money was taken; please try again, and contact us if it keeps happening.",
    };
}

/// <summary>
/// Everything checkout, fulfilment and refunds ask of the payment provider, behind one small interface:
/// Stripe through its official SDK when a secret key is configured, the local test payment page otherwise
/// (never in Production).
/// </summary>
public interface IPaymentGateway
{
    bool IsLocalTestMode { get; }

    Task EnsureCouponAsync(SaleCoupon coupon, CancellationToken ct);

    Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct);

    Task<CheckoutSession> GetCheckoutSessionAsync(string sessionId, CancellationToken ct);

    Task CreateRefundAsync(string paymentIntentId, Guid orderId, CancellationToken ct);
}
