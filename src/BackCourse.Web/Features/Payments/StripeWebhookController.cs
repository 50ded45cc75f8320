using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Payments;

/// <summary>Stripe's webhook: the raw body, its signature checked first, each event stored once, 200 fast.</summary>
[ApiController]
[Route("webhooks/stripe")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StripeWebhookController(StripeWebhookIntake intake) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Receive(CancellationToken ct)
    {
        // Read at most one byte past the limit ourselves: the server's own limit answers with an exception, and
        // a test host has none. Too large is 413 with nothing stored, whatever the Content-Length claimed.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        if (Request.ContentLength > StripeWebhookIntake.MaxBodyBytes)
        {
            return TooLarge();
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > StripeWebhookIntake.MaxBodyBytes)
            {
                return TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        var result = await intake.AcceptAsync(buffer.ToArray(), Request.Headers["Stripe-Signature"], ct);
        return result == IntakeResult.Rejected ? BadRequest(new { error = "invalid signature or payload" }) : Ok(new { received = true });
    }

    private ObjectResult TooLarge() =>
        StatusCode(StatusCodes.Status413PayloadTooLarge, new { error = $"the body is over {StripeWebhookIntake.MaxBodyBytes / 1024} KB" });
}
