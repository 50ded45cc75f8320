using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Payments;

/// <summary>
/// Stripe's REST API over a typed HttpClient: form-encoded bodies, a pinned Stripe-Version, an
/// Idempotency-Key on every POST (the same key on every retry of the same request), and retries with
/// jittered backoff on connection errors, 409, 429 and 5xx — unless Stripe says Stripe-Should-Retry: false.
/// </summary>
public sealed class StripeRestClient(HttpClient http, IOptions<StripeOptions> options, ILogger<StripeRestClient> logger) : IStripeClient
{
    public bool IsLocalTestMode => false;

    public async Task EnsureCouponAsync(SaleCoupon coupon, CancellationToken ct)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Post, "/v1/coupons", $"coupon-{coupon.Id}", StripeForm.Encode(StripeForm.Map(
                ("id", coupon.Id), ("percent_off", coupon.PercentOff), ("amount_off", coupon.AmountOffCents),
                ("currency", coupon.AmountOffCents is null ? null : coupon.Currency), ("duration", "once"), ("name", coupon.Name))), ct);
        }
        catch (StripeException ex) when (ex.Code == "resource_already_exists")
        {
            // Created earlier (by us): nothing to do.
        }
    }

    public async Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken ct)
    {
        var body = StripeForm.Encode(StripeForm.Map(
            ("mode", "payment"),
            ("line_items", new[]
            {
                StripeForm.Map(
                    ("price_data", StripeForm.Map(
                        ("currency", request.Currency),
                        ("unit_amount", request.ListPriceCents),
                        ("product_data", StripeForm.Map(("name", request.ProductName))))),
                    ("quantity", 1)),
            }),
            ("discounts", request.CouponId is null ? null : new[] { StripeForm.Map(("coupon", request.CouponId)) }),
            ("success_url", request.SuccessUrl),
            ("cancel_url", request.CancelUrl),
            ("client_reference_id", request.UserId.ToString()),
            ("customer_email", request.CustomerEmail),
            ("metadata", StripeForm.Map(("order_id", request.OrderId.ToString()), ("course_id", request.CourseId.ToString())))));
        using var json = await SendAsync(HttpMethod.Post, "/v1/checkout/sessions", $"checkout-{request.OrderId}", body, ct);
        return CheckoutSession.FromJson(json.RootElement);
    }

    public async Task<CheckoutSession> GetCheckoutSessionAsync(string sessionId, CancellationToken ct)
    {
        using var json = await SendAsync(HttpMethod.Get, $"/v1/checkout/sessions/{Uri.EscapeDataString(sessionId)}", null, null, ct);
        return CheckoutSession.FromJson(json.RootElement);
    }

    public async Task CreateRefundAsync(string paymentIntentId, Guid orderId, CancellationToken ct)
    {
        using var _ = await SendAsync(HttpMethod.Post, "/v1/refunds", $"refund-{orderId}", StripeForm.Encode(StripeForm.Map(
            ("payment_intent", paymentIntentId), ("reason", "requested_by_customer"), ("metadata", StripeForm.Map(("order_id", orderId.ToString()))))), ct);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? idempotencyKey, string? form, CancellationToken ct)
    {
        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SecretKey);
            request.Headers.Add("Stripe-Version", settings.ApiVersion);
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }
            if (form is not null)
            {
                request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            }

            HttpResponseMessage? response = null;
            bool retry;
            try
            {
                response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(ct);
                    return await JsonDocument.ParseAsync(stream, cancellationToken: ct);
                }
                var shouldRetryHeader = response.Headers.TryGetValues("Stripe-Should-Retry", out var values) ? values.FirstOrDefault() : null;
                retry = shouldRetryHeader switch
                {
                    "true" => true,
                    "false" => false,
                    _ => response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
                };
                if (!retry || attempt >= settings.MaxRetries)
                {
                    throw await ErrorAsync(response, ct);
                }
                logger.LogWarning("Stripe answered {Status} to {Method} {Path}; retrying (attempt {Attempt})", (int)response.StatusCode, method, path, attempt + 1);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // A connection error or the client's timeout: the same request (same key) again, or give up.
                if (attempt >= settings.MaxRetries)
                {
                    throw new StripeException(0, "api_connection_error", null, ex.Message);
                }
                logger.LogWarning(ex, "Could not reach Stripe for {Method} {Path}; retrying (attempt {Attempt})", method, path, attempt + 1);
            }
            finally
            {
                response?.Dispose();
            }
            var delay = settings.RetryBaseDelayMs * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble());
            await Task.Delay(TimeSpan.FromMilliseconds(delay), ct);
        }
    }

    private static async Task<StripeException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(text);
            var error = json.RootElement.GetProperty("error");
            return new StripeException((int)response.StatusCode,
                error.TryGetProperty("type", out var t) ? t.GetString() : null,
                error.TryGetProperty("code", out var c) ? c.GetString() : null,
                error.TryGetProperty("message", out var m) ? m.GetString() ?? "Stripe error" : "Stripe error");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new StripeException((int)response.StatusCode, null, null, $"Stripe answered {(int)response.StatusCode}.");
        }
    }
}
