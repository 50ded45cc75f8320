using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Features.Payments;

public sealed class CheckoutTests
{
    private const string Slug = "upper-back-spasms";

    private static Task<TestApp> StartWithStripeAsync(FakeStripe stripe) => TestApp.StartAsync(new()
    {
        ["Stripe:SecretKey"] = FakeStripe.SecretKey,
        ["Stripe:WebhookSecrets"] = "whsec_old_secret," + FakeStripe.WebhookSecret,
        ["Stripe:ApiBaseUrl"] = stripe.BaseUrl,
        ["Stripe:RetryBaseDelayMs"] = "1",
    });

    private static async Task<(HttpClient Browser, AppUser User)> BuyerAsync(TestApp app, string email = "buyer@example.test")
    {
        var user = await app.CreateUserAsync(email);
        var browser = app.CreateBrowser();
        await browser.SignInAsync(email);
        return (browser, user);
    }

    /// <summary>A signed-in buyer whose checkout Stripe (the fake) reports as paid; no webhook delivered yet.</summary>
    private static async Task<(HttpClient Browser, AppUser User, string SessionId)> PaidCheckoutAsync(TestApp app, FakeStripe stripe)
    {
        var (browser, user) = await BuyerAsync(app);
        (await BuyAsync(browser)).ShouldBe(HttpStatusCode.Redirect);
        var sessionId = stripe.SessionIds.Single();
        stripe.MarkPaid(sessionId);
        return (browser, user, sessionId);
    }

    private static Task<HttpResponseMessage> BuyAsync(HttpClient browser) =>
        browser.SubmitFormAsync($"/checkout/{Slug}", $"/checkout/{Slug}", new Dictionary<string, string>());

    private static async Task<HttpResponseMessage> DeliverAsync(TestApp app, (string Body, string Header) delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", delivery.Header);
        return await app.CreateBrowser().SendAsync(request);
    }

    private static async Task<T> DbAsync<T>(TestApp app, Func<BackCourse.Web.Data.AppDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(app.Db(scope));
    }

    [Fact]
    public async Task Buying_creates_a_checkout_session_with_the_list_price_the_sale_coupon_and_our_order()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, user) = await BuyerAsync(app);

        var response = await BuyAsync(browser);

        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.StartsWith("https://checkout.stripe.test/pay/cs_test_fake_", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        var coupon = Assert.Single(stripe.Requests, r => r.Path == "/v1/coupons");
        Assert.Equal(("25", "once"), (coupon["percent_off"], coupon["duration"]));
        var create = Assert.Single(stripe.Requests, r => r.Path == "/v1/checkout/sessions");
        var order = await DbAsync(app, db => db.Orders.SingleAsync());
        Assert.Equal("payment", create["mode"]);
        Assert.Equal("1200", create["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", create["line_items[0][price_data][currency]"]);
        Assert.Equal("1", create["line_items[0][quantity]"]);
        Assert.Equal(coupon["id"], create["discounts[0][coupon]"]);
        Assert.Null(create["allow_promotion_codes"]);
        Assert.Null(create["ui_mode"]);
        Assert.Equal(user.Id.ToString(), create["client_reference_id"]);
        Assert.Equal(user.Email, create["customer_email"]);
        Assert.Equal(order.Id.ToString(), create["metadata[order_id]"]);
        Assert.Equal("https://localhost/checkout/success?session_id={CHECKOUT_SESSION_ID}", create["success_url"]);
        Assert.StartsWith("https://localhost/checkout/cancelled", create["cancel_url"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(create.IdempotencyKey));
        Assert.Equal((OrderStatus.Pending, 900, 300), (order.Status, order.AmountCents, order.DiscountCents));
    }

    [Fact]
    public async Task A_signed_completion_enrols_once_however_many_times_and_ways_it_arrives()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, user, sessionId) = await PaidCheckoutAsync(app, stripe);
        var session = stripe.Session(sessionId);

        // The same event ten times, then ten different events for the same payment, all at once.
        var same = FakeStripe.Event("checkout.session.completed", session, app.Clock.GetUtcNow(), id: "evt_same");
        for (var i = 0; i < 10; i++)
        {
            (await DeliverAsync(app, same)).ShouldBe(HttpStatusCode.OK);
        }
        var copies = Enumerable.Range(0, 10).Select(_ => FakeStripe.Event("checkout.session.completed", (JsonObject)session.DeepClone(), app.Clock.GetUtcNow()));
        var statuses = await Task.WhenAll(copies.Select(c => DeliverAsync(app, c)));
        Assert.All(statuses, s => s.ShouldBe(HttpStatusCode.OK));

        await Eventually.TrueAsync(() => DbAsync(app, db => db.StripeEvents.AllAsync(e => e.ProcessedAt != null)), "every event processed");
        Assert.Equal(11, await DbAsync(app, db => db.StripeEvents.CountAsync()));
        var enrolment = await DbAsync(app, db => db.Enrolments.SingleAsync(e => e.UserId == user.Id));
        Assert.Equal(EnrolmentStatus.Active, enrolment.Status);
        var order = await DbAsync(app, db => db.Orders.SingleAsync());
        Assert.Equal((OrderStatus.Paid, "pi_" + sessionId), (order.Status, order.PaymentIntentId));
        Assert.Equal(order.PaidAt, enrolment.StartedAt);
        // Every event is processed, and processing sends the welcome before it finishes: a second welcome would be here already.
        Assert.Single(app.Smtp.Messages, m => m.Subject.StartsWith("Welcome", StringComparison.Ordinal));
        (await browser.GetAsync("/learn")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("unsigned")]
    [InlineData("expired")]
    [InlineData("wrong secret")]
    public async Task A_forged_or_stale_webhook_is_refused_and_changes_nothing(string how)
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, _, sessionId) = await PaidCheckoutAsync(app, stripe);
        var genuine = FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow());
        var delivery = how switch
        {
            "tampered" => (genuine.Body.Replace("\"paid\"", "\"paid\" ", StringComparison.Ordinal), genuine.Header),
            "unsigned" => (genuine.Body, ""),
            "expired" => FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow().AddMinutes(-6)),
            _ => FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow(), secret: "whsec_not_ours"),
        };

        (await DeliverAsync(app, delivery)).ShouldBe(HttpStatusCode.BadRequest);

        Assert.False(await DbAsync(app, db => db.StripeEvents.AnyAsync()));
        Assert.False(await DbAsync(app, db => db.Enrolments.AnyAsync()));
    }

    [Fact]
    public async Task An_admin_refund_goes_to_stripe_and_access_ends_when_stripe_confirms()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, user, sessionId) = await PaidCheckoutAsync(app, stripe);
        await DeliverAsync(app, FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow()));
        await Eventually.TrueAsync(() => DbAsync(app, db => db.Enrolments.AnyAsync(e => e.UserId == user.Id)), "enrolment");
        var order = await DbAsync(app, db => db.Orders.SingleAsync());

        var admin = app.CreateBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        (await admin.SubmitFormAsync("/admin/orders", $"/admin/orders/{order.Id}/refund", new Dictionary<string, string>())).ShouldBe(HttpStatusCode.Redirect);

        var refund = Assert.Single(stripe.Requests, r => r.Path == "/v1/refunds");
        Assert.Equal(("pi_" + sessionId, "requested_by_customer"), (refund["payment_intent"], refund["reason"]));
        Assert.Equal(EnrolmentStatus.Active, (await DbAsync(app, db => db.Enrolments.SingleAsync())).Status); // not until Stripe confirms

        var charge = new JsonObject { ["id"] = "ch_1", ["object"] = "charge", ["payment_intent"] = "pi_" + sessionId, ["amount"] = 900, ["amount_refunded"] = 900, ["refunded"] = true };
        (await DeliverAsync(app, FakeStripe.Event("charge.refunded", charge, app.Clock.GetUtcNow()))).ShouldBe(HttpStatusCode.OK);

        await Eventually.TrueAsync(() => DbAsync(app, db => db.Enrolments.AnyAsync(e => e.Status == EnrolmentStatus.Refunded)), "access revoked");
        Assert.Equal(OrderStatus.Refunded, (await DbAsync(app, db => db.Orders.SingleAsync())).Status);
        await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Your refund", StringComparison.Ordinal));
        (await browser.GetAsync("/learn")).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_refund_that_arrives_before_the_completion_still_ends_refunded()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, user, sessionId) = await PaidCheckoutAsync(app, stripe);
        var charge = new JsonObject { ["id"] = "ch_2", ["object"] = "charge", ["payment_intent"] = "pi_" + sessionId, ["amount"] = 900, ["amount_refunded"] = 900, ["refunded"] = true };

        await DeliverAsync(app, FakeStripe.Event("charge.refunded", charge, app.Clock.GetUtcNow()));
        await Eventually.TrueAsync(() => DbAsync(app, db => db.StripeEvents.AllAsync(e => e.ProcessedAt != null)), "refund processed");
        await DeliverAsync(app, FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow()));
        await Eventually.TrueAsync(() => DbAsync(app, db => db.Orders.AnyAsync(o => o.Status != OrderStatus.Pending)), "completion processed");

        Assert.Equal(OrderStatus.Refunded, (await DbAsync(app, db => db.Orders.SingleAsync())).Status);
        Assert.False(await DbAsync(app, db => db.Enrolments.AnyAsync(e => e.UserId == user.Id && (e.Status == EnrolmentStatus.Active || e.Status == EnrolmentStatus.Paused))));
        Assert.DoesNotContain(app.Smtp.Messages, m => m.Subject.StartsWith("Welcome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stripe_failing_with_500_then_answering_creates_one_session_with_one_idempotency_key()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, _) = await BuyerAsync(app);
        stripe.FailNext("/v1/checkout/sessions", 500);

        var response = await BuyAsync(browser);

        response.ShouldBe(HttpStatusCode.Redirect);
        var attempts = stripe.Requests.Where(r => r.Path == "/v1/checkout/sessions").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Single(attempts.Select(a => a.IdempotencyKey).Distinct());
        Assert.Single(stripe.SessionIds);
    }

    [Fact]
    public async Task Stripe_rate_limiting_with_429_then_answering_creates_one_session_with_one_idempotency_key()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, _) = await BuyerAsync(app);
        stripe.FailNext("/v1/checkout/sessions", 429, "invalid_request_error", "rate_limit");
        stripe.FailNext("/v1/checkout/sessions", 429, "invalid_request_error", "rate_limit");

        var response = await BuyAsync(browser);

        response.ShouldBe(HttpStatusCode.Redirect);
        var attempts = stripe.Requests.Where(r => r.Path == "/v1/checkout/sessions").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.IdempotencyKey).Distinct());
        Assert.Single(stripe.SessionIds);
    }

    [Fact]
    public async Task An_event_sent_with_another_api_version_is_kept_and_fulfils()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, user, sessionId) = await PaidCheckoutAsync(app, stripe);

        var old = FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow(), apiVersion: "2024-06-20");
        (await DeliverAsync(app, old)).ShouldBe(HttpStatusCode.OK);

        await Eventually.TrueAsync(() => DbAsync(app, db => db.StripeEvents.AllAsync(e => e.ProcessedAt != null && e.Error == null)), "the event processed");
        Assert.Equal(EnrolmentStatus.Active, (await DbAsync(app, db => db.Enrolments.SingleAsync(e => e.UserId == user.Id))).Status);
        (await browser.GetAsync("/learn")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task During_a_secret_rotation_an_event_signed_with_the_old_secret_is_accepted()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (_, user, sessionId) = await PaidCheckoutAsync(app, stripe);

        var signedWithOld = FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow(), secret: "whsec_old_secret");
        (await DeliverAsync(app, signedWithOld)).ShouldBe(HttpStatusCode.OK);

        await Eventually.TrueAsync(() => DbAsync(app, db => db.Enrolments.AnyAsync(e => e.UserId == user.Id && e.Status == EnrolmentStatus.Active)), "enrolled");
    }

    [Theory]
    [InlineData(402, "card_error", "The payment provider declined the request.")]
    [InlineData(400, "invalid_request_error", "We couldn't start the payment just now.")]
    public async Task A_stripe_error_is_a_clear_message_and_the_order_stays_retryable(int status, string type, string message)
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, _) = await BuyerAsync(app);
        stripe.FailNext("/v1/checkout/sessions", status, type);

        var response = await BuyAsync(browser);

        response.ShouldBe(HttpStatusCode.OK);
        Assert.Contains(message, (await response.ReadHtmlAsync()).QuerySelector(".form-errors")?.TextContent, StringComparison.Ordinal);
        var order = await DbAsync(app, db => db.Orders.SingleAsync());
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), order.LastError, StringComparison.Ordinal);
        Assert.Single(stripe.Requests, r => r.Path == "/v1/checkout/sessions"); // 4xx is not retried

        (await BuyAsync(browser)).ShouldBe(HttpStatusCode.Redirect); // trying again works
    }

    [Fact]
    public async Task The_success_page_asks_stripe_when_the_webhook_is_late()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (browser, user) = await BuyerAsync(app);
        await BuyAsync(browser);
        var sessionId = stripe.SessionIds.Single();

        var waiting = await browser.GetAsync($"/checkout/success?session_id={sessionId}");
        waiting.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("Confirming your payment", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        stripe.MarkPaid(sessionId);
        var confirmed = await browser.GetAsync($"/checkout/success?session_id={sessionId}");

        confirmed.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal("/learn", confirmed.Headers.Location?.OriginalString);
        Assert.True(await DbAsync(app, db => db.Enrolments.AnyAsync(e => e.UserId == user.Id && e.Status == EnrolmentStatus.Active)));
        Assert.Contains(stripe.Requests, r => r.Method == "GET" && r.Path == $"/v1/checkout/sessions/{sessionId}");

        // The webhook arriving afterwards changes nothing.
        await DeliverAsync(app, FakeStripe.Event("checkout.session.completed", stripe.Session(sessionId), app.Clock.GetUtcNow()));
        await Eventually.TrueAsync(() => DbAsync(app, db => db.StripeEvents.AllAsync(e => e.ProcessedAt != null)), "late webhook processed");
        Assert.Single(app.Smtp.Messages, m => m.Subject.StartsWith("Welcome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_sale_checkout_sends_no_coupon_and_a_second_click_reuses_the_open_session()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            (await db.Courses.SingleAsync()).SalePriceCents = 1200;
            await db.SaveChangesAsync();
        }
        var (browser, _) = await BuyerAsync(app);

        var first = await BuyAsync(browser);
        var second = await BuyAsync(browser);

        first.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.DoesNotContain(stripe.Requests, r => r.Path == "/v1/coupons");
        var create = Assert.Single(stripe.Requests, r => r.Path == "/v1/checkout/sessions");
        Assert.Null(create["discounts[0][coupon]"]);
        Assert.Equal(1, await DbAsync(app, db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task Another_users_session_is_not_theirs_to_confirm()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var app = await StartWithStripeAsync(stripe);
        var (buyer, _) = await BuyerAsync(app);
        var (other, _) = await BuyerAsync(app, "other@example.test");
        await BuyAsync(buyer);

        (await other.GetAsync($"/checkout/success?session_id={stripe.SessionIds.Single()}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_keys_the_local_test_page_completes_the_purchase_through_the_same_fulfilment()
    {
        await using var app = await TestApp.StartAsync();
        var (browser, user) = await BuyerAsync(app);

        var toPayment = await BuyAsync(browser);
        toPayment.ShouldBe(HttpStatusCode.Redirect);
        var paymentPage = new Uri(toPayment.Headers.Location!.ToString()).PathAndQuery;
        var page = await browser.GetPageAsync(paymentPage);
        Assert.Contains("Test payment — no money moves", page.QuerySelector(".test-banner")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["$12.00", "−$3.00", "$9.00"], page.QuerySelectorAll(".receipt td").Select(td => td.TextContent));

        var paid = await browser.SubmitFormAsync(paymentPage, paymentPage, new Dictionary<string, string>());
        paid.ShouldBe(HttpStatusCode.Redirect);
        var success = paid.Headers.Location!.OriginalString;
        await Eventually.TrueAsync(async () => (await browser.GetAsync(success)).Headers.Location?.OriginalString == "/learn", "payment confirmed");

        var enrolment = await DbAsync(app, db => db.Enrolments.SingleAsync(e => e.UserId == user.Id));
        Assert.Equal(EnrolmentStatus.Active, enrolment.Status);
        Assert.True(await DbAsync(app, db => db.StripeEvents.AnyAsync(e => e.Type == "checkout.session.completed")));
        await app.Smtp.WaitForAsync(user.Email!, m => m.Subject.StartsWith("Welcome", StringComparison.Ordinal));

        var orders = await browser.GetPageAsync("/account/orders");
        Assert.Equal(["$12.00", "−$3.00", "$9.00", "Paid"], orders.QuerySelectorAll("tbody td").Skip(2).Select(td => td.TextContent.Trim()));

        var again = await browser.GetAsync($"/checkout/{Slug}");
        Assert.Equal("/learn", again.Headers.Location?.OriginalString); // no second checkout for an owner
    }

    [Fact]
    public async Task A_visitor_who_clicks_buy_is_asked_to_sign_in_and_comes_back_to_checkout()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.CreateBrowser().GetAsync($"/checkout/{Slug}");
        response.ShouldBe(HttpStatusCode.Redirect);
        Assert.Equal($"https://localhost/account/sign-in?ReturnUrl=%2Fcheckout%2F{Slug}", response.Headers.Location?.ToString());
    }
}
