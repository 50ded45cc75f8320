namespace BackCourse.Web.Domain;

public enum OrderStatus
{
    Pending,
    Paid,
    Failed,
    Expired,
    Refunded,
}

/// <summary>
/// One purchase attempt. Amounts are what Stripe reports charging; the order survives account
/// deletion without its user (anonymous totals for the books).
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public Guid CourseId { get; set; }
    public OrderStatus Status { get; set; }
    public int ListPriceCents { get; set; }
    public int DiscountCents { get; set; }
    public int AmountCents { get; set; }
    public string Currency { get; set; } = "usd";
    public string? CheckoutSessionId { get; set; }
    public string? CheckoutUrl { get; set; }
    public string? PaymentIntentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? RefundRequestedAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Each Stripe event id once: a repeated delivery finds its row and does nothing.</summary>
public sealed class StripeEvent
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
}

/// <summary>A refund Stripe confirmed, by payment; kept even when it arrives before the payment's completion.</summary>
public sealed class PaymentRefund
{
    public string PaymentIntentId { get; set; } = "";
    public int AmountRefundedCents { get; set; }
    public bool FullyRefunded { get; set; }
    public DateTimeOffset At { get; set; }
}
