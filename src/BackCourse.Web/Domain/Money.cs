using System.Globalization;

namespace BackCourse.Web.Domain;

/// <summary>Prices are whole cents; the discount shown is always computed from the two prices.</summary>
public static class Money
{
    /// <summary>"$9.00"; a negative amount (a net figure after refunds) reads "-$9.00".</summary>
    public static string Format(long cents, string currency)
    {
        var sign = cents < 0 ? "-" : "";
        var amount = Math.Abs(cents) / 100m;
        var symbol = currency.ToLowerInvariant() switch
        {
            "usd" => "$",
            "eur" => "€",
            "gbp" => "£",
            _ => "",
        };
        var text = amount.ToString("N2", CultureInfo.InvariantCulture);
        return sign + (symbol.Length > 0 ? symbol + text : $"{text} {currency.ToUpperInvariant()}");
    }

    /// <summary>Whole-percent discount from list to sale price, rounded to the nearest percent; 0 when none.</summary>
    public static int DiscountPercent(int listCents, int saleCents) =>
        listCents <= 0 || saleCents >= listCents ? 0 : (int)Math.Round((listCents - saleCents) * 100m / listCents, MidpointRounding.AwayFromZero);
}
