using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCourse.IntegrationTests.Infrastructure;
using BackCourse.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// Forged Stripe webhooks beyond the cases in CheckoutTests (tampered body, unsigned, expired, wrong
/// secret, repeats): each is refused with a 400, and nothing is stored or fulfilled.
/// </summary>
public sealed class WebhookForgeryTests(WebhookForgeryTests.StripeApp fixture) : IClassFixture<WebhookForgeryTests.StripeApp>
{
    public sealed class StripeApp : IAsyncLifetime
    {
        public FakeStripe Stripe { get; private set; } = null!;
        public TestApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Stripe = await FakeStripe.StartAsync();
            App = await TestApp.StartAsync(new()
            {
                ["Stripe:SecretKey"] = FakeStripe.SecretKey,
                ["Stripe:WebhookSecrets"] = FakeStripe.WebhookSecret,
                ["Stripe:ApiBaseUrl"] = Stripe.BaseUrl,
            });
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Stripe.DisposeAsync();
        }
    }

    private TestApp App => fixture.App;

    private static JsonObject PaidSession() => new()
    {
        ["id"] = "cs_forged", ["object"] = "checkout.session", ["status"] = "complete", ["payment_status"] = "paid",
        ["payment_intent"] = "pi_forged", ["metadata"] = new JsonObject { ["order_id"] = Guid.NewGuid().ToString() },
    };

    private async Task<HttpResponseMessage> DeliverAsync(string body, string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        return await App.CreateClient().SendAsync(request);
    }

    private static string Sign(string body, DateTimeOffset at, string secret = FakeStripe.WebhookSecret) =>
        Stripe.EventUtility.GenerateSignatureHeader(body, secret, at.ToUnixTimeSeconds());

    public static TheoryData<string> Forgeries => new()
    {
        "timestamp from the future", "timestamp changed after signing", "only a v0 signature", "signature of another body",
        "garbage header", "absurd timestamp", "signature cut short", "signed with the secret's name only",
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_webhook_is_refused_and_stores_nothing(string how)
    {
        var now = App.Clock.GetUtcNow();
        var (body, header) = FakeStripe.Event("checkout.session.completed", PaidSession(), now, id: "evt_forged_" + how.Replace(' ', '_'));
        var v1 = header.Split(",v1=")[1];
        var (other, otherHeader) = FakeStripe.Event("checkout.session.completed", PaidSession(), now);
        var delivery = how switch
        {
            "timestamp from the future" => (body, Sign(body, now.AddMinutes(6))),
            "timestamp changed after signing" => (body, $"t={now.AddSeconds(1).ToUnixTimeSeconds()},v1={v1}"),
            "only a v0 signature" => (body, $"t={now.ToUnixTimeSeconds()},v0={v1}"),
            "signature of another body" => (body, otherHeader),
            "garbage header" => (body, "t=abc,v1=zzz,,=="),
            "absurd timestamp" => (body, $"t=99999999999999999999999,v1={v1}"),
            "signature cut short" => (body, $"t={now.ToUnixTimeSeconds()},v1={v1[..32]}"),
            _ => (body, Sign(body, now, secret: "whsec_")),
        };
        _ = other;

        (await DeliverAsync(delivery.body, delivery.Item2)).ShouldBe(HttpStatusCode.BadRequest);

        using var scope = App.Services.CreateScope();
        Assert.False(await App.Db(scope).StripeEvents.AnyAsync(e => e.Id == "evt_forged_" + how.Replace(' ', '_')));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("{\"id\":42,\"type\":[]}")]
    [InlineData("[1,2,3]")]
    public async Task A_correctly_signed_body_that_is_not_an_event_is_refused_without_a_server_error(string body)
    {
        var response = await DeliverAsync(body, Sign(body, App.Clock.GetUtcNow()));
        response.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_oversized_webhook_body_gets_413_and_stores_nothing()
    {
        var body = "{\"id\":\"evt_big\",\"pad\":\"" + new string('x', 600 * 1024) + "\"}";
        var response = await DeliverAsync(body, Sign(body, App.Clock.GetUtcNow()));
        response.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using var scope = App.Services.CreateScope();
        Assert.False(await App.Db(scope).StripeEvents.AnyAsync(e => e.Id == "evt_big"));
    }

    [Fact]
    public async Task An_oversized_webhook_body_sent_without_a_length_gets_413_and_stores_nothing()
    {
        var (body, header) = FakeStripe.Event("checkout.session.completed", PaidSession(), App.Clock.GetUtcNow(), id: "evt_big_chunked");
        var padded = body[..^1] + ",\"pad\":\"" + new string('x', 600 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            // A stream of unknown length: the server can't refuse it by its Content-Length.
            Content = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(padded))),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(padded, App.Clock.GetUtcNow()));
        _ = header;

        var response = await App.CreateClient().SendAsync(request);

        response.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using var scope = App.Services.CreateScope();
        Assert.False(await App.Db(scope).StripeEvents.AnyAsync(e => e.Id == "evt_big_chunked"));
    }

    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
