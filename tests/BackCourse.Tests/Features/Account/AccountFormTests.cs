using BackCourse.Web.Features.Account;

namespace BackCourse.Tests.Features.Account;

public sealed class AccountFormTests
{
    [Fact]
    public void A_complete_registration_is_valid()
    {
        var result = new RegisterFormValidator().Validate(new RegisterForm
        {
            DisplayName = "Ann", Email = "ann@example.test", Password = "ten chars!!", ConfirmPassword = "ten chars!!",
        });
        Assert.True(result.IsValid);
    }

    [Fact]
    public void A_registration_with_a_short_password_and_mismatch_says_both()
    {
        var result = new RegisterFormValidator().Validate(new RegisterForm
        {
            DisplayName = "Ann", Email = "ann@example.test", Password = "short", ConfirmPassword = "other",
        });
        Assert.Equal(["Password", "ConfirmPassword"], result.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void An_oversized_name_is_refused_with_a_message()
    {
        var result = new ProfileFormValidator().Validate(new ProfileForm { DisplayName = new string('x', 101), TimeZoneId = "UTC" });
        Assert.Equal("Please keep your name under 100 characters.", Assert.Single(result.Errors).ErrorMessage);
    }

    [Theory]
    [InlineData("Europe/London", true)]
    [InlineData("America/New_York", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Base", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Time_zones_must_be_known_to_the_machine(string? zone, bool known) =>
        Assert.Equal(known, TimeZones.IsKnown(zone));

    [Fact]
    public void Deleting_an_account_needs_the_box_ticked()
    {
        var result = new DeleteAccountFormValidator().Validate(new DeleteAccountForm { Password = "pw", Confirm = false });
        Assert.Equal("Please tick the box to confirm.", Assert.Single(result.Errors).ErrorMessage);
    }
}
