using System.ComponentModel.DataAnnotations;

namespace BackCourse.Web.Features.Payments;

/// <summary>Section <c>Stripe</c>. Without a secret key, checkout runs on the local test payment page.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }

    /// <summary>One or more webhook signing secrets (comma-separated in one variable): more than one during rotation.</summary>
    public string? WebhookSecrets { get; set; }

    /// <summary>Stripe's API; tests point it at a local fake that answers over real HTTP.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>Base id of the sale coupon; the percentage is appended so a price change makes a new coupon.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,100}$")]
    public string CouponId { get; set; } = "backcourse-sale";

    /// <summary>Without a secret key, allow the local test payment page (always allowed in Development).</summary>
    public bool AllowTestPaymentPage { get; set; }

    /// <summary>Retries of a failed call (connection errors, 409, 429, 5xx), each with the same idempotency key.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First wait before retrying a rate-limited (429) call; the SDK times its own retries.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>How far a webhook's signed timestamp may be from now (Stripe's default is 300 s).</summary>
    [Range(1, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool UsesStripe => !string.IsNullOrWhiteSpace(SecretKey);

    public IReadOnlyList<string> Secrets =>
        (WebhookSecrets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
