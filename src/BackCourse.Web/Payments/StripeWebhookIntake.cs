using System.Text.Json;
using BackCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Payments;

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
/// Takes a webhook delivery: checks its signature against the raw bytes, then stores the event once
/// (its id is the primary key) and wakes the worker. Processing happens off the request.
/// </summary>
public sealed class StripeWebhookIntake(
    AppDbContext db,
    IOptions<StripeOptions> options,
    LocalWebhookSecret localSecret,
    StripeEventSignal signal,
    TimeProvider clock,
    ILogger<StripeWebhookIntake> logger)
{
    public IReadOnlyList<string> Secrets => options.Value.UsesStripe || options.Value.Secrets.Count > 0
        ? options.Value.Secrets
        : [localSecret.Value];

    public async Task<IntakeResult> AcceptAsync(byte[] body, string? signatureHeader, CancellationToken ct)
    {
        if (!StripeWebhookVerifier.IsValid(body, signatureHeader, Secrets, clock.GetUtcNow()))
        {
            logger.LogWarning("Rejected a Stripe webhook with a missing, invalid or expired signature");
            return IntakeResult.Rejected;
        }
        string id, type;
        try
        {
            using var json = JsonDocument.Parse(body);
            id = json.RootElement.GetProperty("id").GetString() ?? "";
            type = json.RootElement.GetProperty("type").GetString() ?? "";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return IntakeResult.Rejected;
        }
        if (id.Length is 0 or > 255 || type.Length is 0 or > 100)
        {
            return IntakeResult.Rejected;
        }
        var payload = System.Text.Encoding.UTF8.GetString(body);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stripe_events (id, type, payload, received_at) VALUES ({id}, {type}, {payload}::jsonb, {clock.GetUtcNow()})
            ON CONFLICT (id) DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            return IntakeResult.Duplicate;
        }
        signal.Wake();
        return IntakeResult.Accepted;
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
