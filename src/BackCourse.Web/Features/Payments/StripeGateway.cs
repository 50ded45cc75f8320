using System.Net;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace BackCourse.Web.Features.Payments;

/// <summary>
/// Stripe through its official SDK. The SDK pins the API version, form-encodes bodies and retries
/// connection errors, 409 and 5xx (obeying Stripe-Should-Retry) with the idempotency key we give it;
/// it leaves 429 alone, so a rate-limited call is retried here, with the same key, a few times more.
/// </summary>
public sealed class StripeGateway(IStripeClient client, IOptions<StripeOptions> options, ILogger<StripeGateway> logger) : IPaymentGateway
{
    public bool IsLocalTestMode => false;

    public async Task EnsureCouponAsync(SaleCoupon coupon, CancellationToken ct)
    {
        var create = new CouponCreateOptions
        {
            Id = coupon.Id,
            PercentOff = coupon.PercentOff,
            AmountOff = coupon.AmountOffCents,
            Currency = coupon.AmountOffCents is null ? null : coupon.Currency,
            Duration = "once",
            Name = coupon.Name,
        };
        try
        {
            await CallAsync(() => new CouponService(client).CreateAsync(create, Idempotent($"coupon-{coupon.Id}"), ct));
        }
        catch (PaymentGatewayException ex) when (ex.Code == "resource_already_exists")
        {
            // Created earlier (by us, on any node): nothing to do.
        }
    }

    public async Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct)
    {
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency,
                        UnitAmount = request.ListPriceCents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.ProductName },
                    },
                    Quantity = 1,
                },
            ],
            // The sale as a discount line, so the hosted page shows $12.00, 25% off and $9.00.
            Discounts = request.CouponId is null ? null : [new SessionDiscountOptions { Coupon = request.CouponId }],
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
            ClientReferenceId = request.UserId.ToString(),
            CustomerEmail = request.CustomerEmail,
            Metadata = new Dictionary<string, string>
            {
                ["order_id"] = request.OrderId.ToString(),
                ["course_id"] = request.CourseId.ToString(),
            },
        };
        var session = await CallAsync(() => new SessionService(client).CreateAsync(create, Idempotent($"checkout-{request.OrderId}"), ct));
        return CheckoutSession.From(session);
    }

    public async Task<CheckoutSession> GetCheckoutSessionAsync(string sessionId, CancellationToken ct) =>
        CheckoutSession.From(await CallAsync(() => new SessionService(client).GetAsync(sessionId, null, null, ct)));

    public async Task CreateRefundAsync(string paymentIntentId, Guid orderId, CancellationToken ct)
    {
        var create = new RefundCreateOptions
        {
            PaymentIntent = paymentIntentId,
            Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string> { ["order_id"] = orderId.ToString() },
        };
        await CallAsync(() => new RefundService(client).CreateAsync(create, Idempotent($"refund-{orderId}"), ct));
    }

    /// <summary>The same options object on every try: a retry must reuse its idempotency key.</summary>
    private static RequestOptions Idempotent(string key) => new() { IdempotencyKey = key };

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.TooManyRequests && attempt < options.Value.MaxRetries)
            {
                logger.LogWarning("Stripe rate-limited a request; retrying (attempt {Attempt})", attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.RetryBaseDelayMs * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble())));
            }
            catch (StripeException ex)
            {
                throw new PaymentGatewayException((int)ex.HttpStatusCode, ex.StripeError?.Type, ex.StripeError?.Code, ex.StripeError?.Message ?? ex.Message, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The SDK already retried the connection; give up with a message the learner can act on.
                throw new PaymentGatewayException(0, "api_connection_error", null, ex.Message, ex);
            }
        }
    }
}
