using System.Text.Json;

namespace BackCourse.Web.Payments;

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

/// <summary>The parts of a Checkout Session BackCourse reads.</summary>
public sealed record CheckoutSession(
    string Id, string? Url, string Status, string PaymentStatus, string? PaymentIntentId,
    int? AmountSubtotal, int? AmountTotal, int? AmountDiscount, string? OrderId, DateTimeOffset? Created)
{
    public bool IsPaid => Status == "complete" && PaymentStatus is "paid" or "no_payment_required";

    public static CheckoutSession FromJson(JsonElement s) => new(
        s.GetProperty("id").GetString()!,
        s.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
        s.TryGetProperty("status", out var status) ? status.GetString() ?? "" : "",
        s.TryGetProperty("payment_status", out var ps) ? ps.GetString() ?? "" : "",
        s.TryGetProperty("payment_intent", out var pi) && pi.ValueKind == JsonValueKind.String ? pi.GetString() : null,
        Int(s, "amount_subtotal"),
        Int(s, "amount_total"),
        s.TryGetProperty("total_details", out var td) && td.ValueKind == JsonValueKind.Object ? Int(td, "amount_discount") : null,
        s.TryGetProperty("metadata", out var md) && md.ValueKind == JsonValueKind.Object && md.TryGetProperty("order_id", out var oid) ? oid.GetString() : null,
        s.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(c.GetInt64()) : null);

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}

/// <summary>A Stripe API error, with Stripe's own type, code and message.</summary>
public sealed class StripeException(int status, string? type, string? code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string? Type { get; } = type;
    public string? Code { get; } = code;

    /// <summary>Words for the learner; the details go to the log.</summary>
    public string LearnerMessage => Status switch
    {
        402 => "The payment provider declined the request. No money was taken; please try again or use another card.",
        429 or >= 500 => "The payment provider is busy right now. No money was taken; please try again in a minute.",
        _ => "We couldn't start the payment just now. No money was taken; please try again, and contact us if it keeps happening.",
    };
}

/// <summary>
/// Everything BackCourse asks of Stripe, behind one interface: Stripe's REST API when a secret key is
/// configured, the local test payment page otherwise (never in Production).
/// </summary>
public interface IStripeClient
{
    bool IsLocalTestMode { get; }

    Task EnsureCouponAsync(SaleCoupon coupon, CancellationToken ct);

    Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct);

    Task<CheckoutSession> GetCheckoutSessionAsync(string sessionId, CancellationToken ct);

    Task CreateRefundAsync(string paymentIntentId, Guid orderId, CancellationToken ct);
}
