using System.Security.Cryptography;
using System.Text;
using BackCourse.Web.Payments;

namespace BackCourse.Tests.Payments;

public sealed class StripeWebhookVerifierTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private static readonly byte[] Empty = Encoding.UTF8.GetBytes("{}");

    // Independent of the code under test: HMAC-SHA256 over "t.body" keyed with the whole secret.
    private static string V1(string body, string secret, long t) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));

    [Fact]
    public void The_documented_check_value_verifies()
    {
        const string header = "t=1700000000,v1=c561c5814cba8a0cd366ee43292d205cf59c9635ad120894be1ef80c0af72b76";
        Assert.True(StripeWebhookVerifier.IsValid(Empty, header, ["test_secret"], At));
        Assert.Equal(header, StripeWebhookVerifier.Sign(Empty, "test_secret", At));
    }

    [Fact]
    public void Any_matching_v1_passes_so_secrets_can_rotate()
    {
        var header = $"t=1700000000,v1={V1("{}", "whsec_old", 1700000000)},v1={V1("{}", "whsec_new", 1700000000)}";
        Assert.True(StripeWebhookVerifier.IsValid(Empty, header, ["whsec_new"], At));
        Assert.True(StripeWebhookVerifier.IsValid(Empty, header, ["whsec_old"], At));
        Assert.True(StripeWebhookVerifier.IsValid(Empty, $"t=1700000000,v1={V1("{}", "whsec_new", 1700000000)}", ["whsec_old", "whsec_new"], At));
        Assert.False(StripeWebhookVerifier.IsValid(Empty, header, ["whsec_other"], At));
    }

    [Fact]
    public void A_v0_only_header_is_refused() =>
        Assert.False(StripeWebhookVerifier.IsValid(Empty, $"t=1700000000,v0={V1("{}", "test_secret", 1700000000)}", ["test_secret"], At));

    [Theory]
    [InlineData("")]
    [InlineData("t")]
    [InlineData(",,")]
    [InlineData("t=,v1=c561c5814cba8a0cd366ee43292d205cf59c9635ad120894be1ef80c0af72b76")]
    [InlineData("v1=c561c5814cba8a0cd366ee43292d205cf59c9635ad120894be1ef80c0af72b76")]
    [InlineData("t=1700000000")]
    [InlineData("t=1700000000,v1=nothex")]
    [InlineData("t=abc,v1=c561c5814cba8a0cd366ee43292d205cf59c9635ad120894be1ef80c0af72b76")]
    [InlineData("t=99999999999999,v1=c561c5814cba8a0cd366ee43292d205cf59c9635ad120894be1ef80c0af72b76")]
    public void Malformed_headers_are_refused(string header) =>
        Assert.False(StripeWebhookVerifier.IsValid(Empty, header, ["test_secret"], At));

    [Theory]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    public void The_timestamp_must_be_within_300_seconds_of_now(int secondsFromSigning, bool valid)
    {
        const string header = "t=1700000000,v1=c561c5814cba8a0cd366ee43292d205cf59c9635ad120894be1ef80c0af72b76";
        Assert.Equal(valid, StripeWebhookVerifier.IsValid(Empty, header, ["test_secret"], At.AddSeconds(secondsFromSigning)));
    }

    [Fact]
    public void A_tampered_body_fails()
    {
        const string header = "t=1700000000,v1=c561c5814cba8a0cd366ee43292d205cf59c9635ad120894be1ef80c0af72b76";
        Assert.False(StripeWebhookVerifier.IsValid(Encoding.UTF8.GetBytes("{ }"), header, ["test_secret"], At));
    }
}
