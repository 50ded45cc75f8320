using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackCourse.Web.Payments;

/// <summary>
/// Stripe's documented signature scheme: <c>Stripe-Signature: t=…,v1=…[,v1=…]</c>; the signed payload
/// is the timestamp, a dot and the raw body; HMAC-SHA256 keyed with the whole endpoint secret (its
/// <c>whsec_</c> prefix included). Any matching v1 passes (secret rotation), v0 is ignored, and the
/// timestamp must be within the tolerance of now.
/// </summary>
public static class StripeWebhookVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrWhiteSpace(header) || secrets.Count == 0)
        {
            return false;
        }
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false; // malformed: every element is key=value
            }
            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (key == "t")
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                {
                    return false;
                }
                timestamp = t;
            }
            else if (key == "v1" && TryHex(value, out var signature))
            {
                signatures.Add(signature);
            }
        }
        if (timestamp is null || signatures.Count == 0)
        {
            return false;
        }
        // In whole seconds: an absurd t= must be a refusal, not an overflow.
        if (Math.Abs((decimal)now.ToUnixTimeSeconds() - timestamp.Value) > (decimal)(tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return false;
        }
        var prefix = Encoding.ASCII.GetBytes(timestamp.Value.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            if (signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The header Stripe would send for this body: used by the local test payment page.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.ASCII.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }

    private static bool TryHex(string value, out byte[] bytes)
    {
        bytes = [];
        if (value.Length != 64 || !value.All(Uri.IsHexDigit))
        {
            return false;
        }
        bytes = Convert.FromHexString(value);
        return true;
    }
}
