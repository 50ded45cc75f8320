using BackCourse.Web.Payments;

namespace BackCourse.Tests.Payments;

public sealed class StripeFormTests
{
    [Fact]
    public void Nested_objects_use_brackets_and_arrays_use_indices()
    {
        var body = StripeForm.Encode(StripeForm.Map(
            ("mode", "payment"),
            ("line_items", new[]
            {
                StripeForm.Map(
                    ("price_data", StripeForm.Map(("currency", "usd"), ("unit_amount", 1200), ("product_data", StripeForm.Map(("name", "Upper Back Spasms"))))),
                    ("quantity", 1)),
            }),
            ("discounts", new[] { StripeForm.Map(("coupon", "sale-25pct")) }),
            ("metadata", StripeForm.Map(("order_id", "o-1"))),
            ("allow", true),
            ("skipped", null)));

        Assert.Equal(
            [
                new("mode", "payment"),
                new("line_items[0][price_data][currency]", "usd"),
                new("line_items[0][price_data][unit_amount]", "1200"),
                new("line_items[0][price_data][product_data][name]", "Upper Back Spasms"),
                new("line_items[0][quantity]", "1"),
                new("discounts[0][coupon]", "sale-25pct"),
                new("metadata[order_id]", "o-1"),
                new KeyValuePair<string, string>("allow", "true"),
            ],
            StripeForm.Decode(body));
        Assert.Contains("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=1200", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_success_url_placeholder_survives_encoding() =>
        Assert.Equal("https://x.test/s?session_id={CHECKOUT_SESSION_ID}",
            StripeForm.Decode(StripeForm.Encode(StripeForm.Map(("success_url", "https://x.test/s?session_id={CHECKOUT_SESSION_ID}"))))[0].Value);
}
