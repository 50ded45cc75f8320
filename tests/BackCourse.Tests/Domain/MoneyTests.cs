using BackCourse.Web.Domain;

namespace BackCourse.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1200, 900, 25)]
    [InlineData(1200, 1200, 0)]
    [InlineData(1000, 333, 67)]
    [InlineData(0, 0, 0)]
    public void The_discount_is_computed_from_the_two_prices(int list, int sale, int percent) =>
        Assert.Equal(percent, Money.DiscountPercent(list, sale));

    [Theory]
    [InlineData(1200, "usd", "$12.00")]
    [InlineData(900, "usd", "$9.00")]
    [InlineData(123456, "usd", "$1,234.56")]
    [InlineData(500, "chf", "5.00 CHF")]
    [InlineData(-900, "usd", "-$9.00")]
    public void Prices_are_shown_with_their_currency(int cents, string currency, string shown) =>
        Assert.Equal(shown, Money.Format(cents, currency));
}
