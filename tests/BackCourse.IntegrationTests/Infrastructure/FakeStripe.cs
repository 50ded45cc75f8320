using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCourse.Web.Features.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BackCourse.IntegrationTests.Infrastructure;

public sealed record StripeRequest(string Method, string Path, string? Authorization, string? Version, string? IdempotencyKey, IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public string? this[string key] => Form.FirstOrDefault(p => p.Key == key).Value;
}

/// <summary>
/// A stand-in for Stripe's API served on loopback: it checks what a real client must send (method,
/// path, Bearer key, Stripe-Version, Idempotency-Key on POSTs, form bodies), honours idempotency
/// keys like Stripe does, and can be told to fail.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_123";
    public const string WebhookSecret = "whsec_test_fake";
    /// <summary>What the SDK sends as Stripe-Version: the version it pins.</summary>
    public static string ApiVersion => Stripe.StripeConfiguration.ApiVersion;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> sessions = new();
    private readonly ConcurrentDictionary<string, string> idempotent = new();
    private readonly ConcurrentQueue<(string Path, int Status, string Body)> failures = new();
    private int counter;

    public ConcurrentQueue<StripeRequest> Requests { get; } = new();
    public string BaseUrl { get; }

    private FakeStripe(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeStripe? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        fake = new FakeStripe(app, app.Urls.First());
        return fake;
    }

    /// <summary>The next call to <paramref name="path"/> answers with this status and Stripe error body.</summary>
    public void FailNext(string path, int status, string type = "api_error", string? code = null, string message = "Something went wrong") =>
        failures.Enqueue((path, status, JsonSerializer.Serialize(new { error = new { type, code, message } })));

    public void MarkPaid(string sessionId)
    {
        var s = sessions[sessionId];
        s["status"] = "complete";
        s["payment_status"] = "paid";
        s["payment_intent"] = "pi_" + sessionId;
    }

    public IReadOnlyCollection<string> SessionIds => [.. sessions.Keys];

    /// <summary>A webhook request body and its Stripe-Signature header (signed by Stripe's SDK), as Stripe would deliver it.</summary>
    public static (string Body, string Header) Event(string type, JsonObject data, DateTimeOffset at, string? id = null, string secret = WebhookSecret, string? apiVersion = null)
    {
        var body = new JsonObject
        {
            ["id"] = id ?? "evt_" + Guid.NewGuid().ToString("N"),
            ["object"] = "event",
            ["api_version"] = apiVersion ?? ApiVersion,
            ["type"] = type,
            ["created"] = at.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = data },
        }.ToJsonString();
        return (body, Stripe.EventUtility.GenerateSignatureHeader(body, secret, at.ToUnixTimeSeconds()));
    }

    public JsonObject Session(string id) => (JsonObject)sessions[id].DeepClone();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        IReadOnlyList<KeyValuePair<string, string>> form = request.HasFormContentType
            ? [.. (await request.ReadFormAsync()).SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))]
            : [];
        var recorded = new StripeRequest(request.Method, request.Path, request.Headers.Authorization, request.Headers["Stripe-Version"],
            request.Headers["Idempotency-Key"], form);
        Requests.Enqueue(recorded);

        if (recorded.Authorization != $"Bearer {SecretKey}")
        {
            await Error(context, 401, "invalid_request_error", null, "Invalid API Key provided.");
            return;
        }
        if (recorded.Version != ApiVersion)
        {
            await Error(context, 400, "invalid_request_error", null, "Missing or wrong Stripe-Version.");
            return;
        }
        if (request.Method == "POST" && string.IsNullOrEmpty(recorded.IdempotencyKey))
        {
            await Error(context, 400, "invalid_request_error", null, "This fake insists on an Idempotency-Key.");
            return;
        }
        if (failures.TryPeek(out var failure) && request.Path == failure.Path && failures.TryDequeue(out failure))
        {
            context.Response.StatusCode = failure.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(failure.Body);
            return;
        }
        if (request.Method == "POST" && idempotent.TryGetValue(recorded.IdempotencyKey!, out var replay))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(replay);
            return;
        }

        string? answer = (request.Method, request.Path.Value) switch
        {
            ("POST", "/v1/coupons") => new JsonObject { ["id"] = recorded["id"], ["object"] = "coupon", ["percent_off"] = int.Parse(recorded["percent_off"]!, System.Globalization.CultureInfo.InvariantCulture) }.ToJsonString(),
            ("POST", "/v1/checkout/sessions") => CreateSession(recorded),
            ("POST", "/v1/refunds") => new JsonObject { ["id"] = "re_" + Interlocked.Increment(ref counter), ["object"] = "refund", ["payment_intent"] = recorded["payment_intent"], ["status"] = "succeeded" }.ToJsonString(),
            ("GET", var p) when p!.StartsWith("/v1/checkout/sessions/", StringComparison.Ordinal) && sessions.TryGetValue(p["/v1/checkout/sessions/".Length..], out var s) => s.ToJsonString(),
            _ => null,
        };
        if (answer is null)
        {
            await Error(context, 404, "invalid_request_error", "resource_missing", "No such resource.");
            return;
        }
        if (request.Method == "POST")
        {
            idempotent[recorded.IdempotencyKey!] = answer;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    private string CreateSession(StripeRequest r)
    {
        var id = "cs_test_fake_" + Interlocked.Increment(ref counter);
        var list = int.Parse(r["line_items[0][price_data][unit_amount]"]!, System.Globalization.CultureInfo.InvariantCulture);
        var percent = r["discounts[0][coupon]"] is { } coupon && coupon.EndsWith("pct", StringComparison.Ordinal)
            ? int.Parse(coupon[(coupon.LastIndexOf('-') + 1)..^3], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var discount = list * percent / 100;
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["url"] = $"https://checkout.stripe.test/pay/{id}",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["payment_intent"] = null,
            ["amount_subtotal"] = list,
            ["amount_total"] = list - discount,
            ["total_details"] = new JsonObject { ["amount_discount"] = discount },
            ["client_reference_id"] = r["client_reference_id"],
            ["customer_email"] = r["customer_email"],
            ["metadata"] = new JsonObject { ["order_id"] = r["metadata[order_id]"], ["course_id"] = r["metadata[course_id]"] },
            ["success_url"] = r["success_url"]!.Replace("{CHECKOUT_SESSION_ID}", id, StringComparison.Ordinal),
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        sessions[id] = session;
        return session.ToJsonString();
    }

    private static async Task Error(HttpContext context, int status, string type, string? code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { type, code, message } }));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static HttpStatusCode Ok => HttpStatusCode.OK;
}
