using System.Text;
using BackCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace BackCourse.Web.Features.Payments;

public enum IntakeResult
{
    Accepted,
    Duplicate,
    Rejected,
}

/// <summary>The secret the local test payment page signs with when no webhook secret is configured.</summary>
public sealed class LocalWebhookSecret
{
    public string Value { get; } = "whsec_local_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
}

/// <summary>
/// Takes a webhook delivery: Stripe's SDK checks the signature against the raw body (any configured
/// secret may match, so a rotation loses nothing), then the event is stored once (its id is the primary
/// key) and the worker is woken. Processing happens off the request.
/// </summary>
public sealed class StripeWebhookIntake(
    AppDbContext db,
    IOptions<StripeOptions> options,
    LocalWebhookSecret localSecret,
    StripeEventSignal signal,
    TimeProvider clock,
    ILogger<StripeWebhookIntake> logger)
{
    /// <summary>The biggest body taken: Stripe's events are a few kilobytes.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public IReadOnlyList<string> Secrets => options.Value.UsesStripe || options.Value.Secrets.Count > 0
        ? options.Value.Secrets
        : [localSecret.Value];

    public async Task<IntakeResult> AcceptAsync(byte[] body, string? signatureHeader, CancellationToken ct)
    {
        string json;
        try
        {
            // Stripe signs the bytes; a body that isn't UTF-8 can't be one of its events.
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return IntakeResult.Rejected;
        }
        var stripeEvent = Verify(json, signatureHeader);
        if (stripeEvent is null)
        {
            logger.LogWarning("Rejected a Stripe webhook with a missing, invalid or expired signature, or no event in it");
            return IntakeResult.Rejected;
        }
        if (stripeEvent.Id is not { Length: > 0 and <= 255 } id || stripeEvent.Type is not { Length: > 0 and <= 100 } type)
        {
            return IntakeResult.Rejected;
        }
        if (!EventUtility.IsCompatibleApiVersion(stripeEvent.ApiVersion ?? StripeConfiguration.ApiVersion))
        {
            // Kept, not refused: the fields we read are stable across versions, and a refusal would make Stripe
            // retry it for three days and then drop it. The log says so the endpoint's version can be aligned.
            logger.LogWarning("Stripe event {EventId} ({Type}) has API version {Version}; this SDK pins {Pinned}",
                id, type, stripeEvent.ApiVersion, StripeConfiguration.ApiVersion);
        }
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stripe_events (id, type, payload, received_at) VALUES ({id}, {type}, {json}::jsonb, {clock.GetUtcNow()})
            ON CONFLICT (id) DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            return IntakeResult.Duplicate;
        }
        signal.Wake();
        return IntakeResult.Accepted;
    }

    /// <summary>The event, when one of the secrets signed it within the tolerance; otherwise null.</summary>
    private Event? Verify(string json, string? signatureHeader)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return null;
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var secret in Secrets)
        {
            try
            {
                return EventUtility.ConstructEvent(json, signatureHeader, secret, options.Value.WebhookToleranceSeconds, now, throwOnApiVersionMismatch: false);
            }
            catch (Exception ex) when (ex is StripeException or FormatException or OverflowException or ArgumentException or InvalidOperationException
                                           or System.Text.Json.JsonException)
            {
                // Not this secret (or not a valid header or event at all): try the next one.
            }
        }
        return null;
    }
}

/// <summary>Wakes the event worker as soon as an event is stored, instead of at its next poll.</summary>
public sealed class StripeEventSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0);

    public void Wake()
    {
        if (semaphore.CurrentCount == 0)
        {
            semaphore.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => semaphore.WaitAsync(timeout, ct);

    public void Dispose() => semaphore.Dispose();
}
