using BackCourse.Web.Features.Payments;

namespace BackCourse.Tests.Features.Payments;

public sealed class SaleCouponTests
{
    [Fact]
    public void Twelve_to_nine_dollars_is_a_25_percent_coupon() =>
        Assert.Equal(new SaleCoupon("sale-25pct", 25, null, "usd", "25% off"), SaleCoupon.For("sale", 1200, 900, "usd"));

    [Fact]
    public void A_discount_no_whole_percentage_gives_exactly_is_an_amount_off() =>
        Assert.Equal(new SaleCoupon("sale-2000usd", null, 2000, "usd", "Sale"), SaleCoupon.For("sale", 4900, 2900, "usd"));

    [Fact]
    public void No_sale_means_no_coupon() => Assert.Null(SaleCoupon.For("sale", 1200, 1200, "usd"));
}
