using System.ComponentModel.DataAnnotations;

namespace BackCourse.Web.Payments;

/// <summary>Section <c>Stripe</c>. Without a secret key, checkout runs on the local test payment page.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }

    /// <summary>One or more webhook signing secrets (comma-separated in one variable): more than one during rotation.</summary>
    public string? WebhookSecrets { get; set; }

    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.stripe.com";

    [Required]
    public string ApiVersion { get; set; } = "2026-07-29.dahlia";

    /// <summary>Base id of the sale coupon; the percentage is appended so a price change makes a new coupon.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,100}$")]
    public string CouponId { get; set; } = "backcourse-sale";

    /// <summary>Without a secret key, allow the local test payment page (always allowed in Development).</summary>
    public bool AllowTestPaymentPage { get; set; }

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(1, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 250;

    public bool UsesStripe => !string.IsNullOrWhiteSpace(SecretKey);

    public IReadOnlyList<string> Secrets =>
        (WebhookSecrets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
