using BackCourse.Web.Domain;
using BackCourse.Web.Features.Account.Passwords;

namespace BackCourse.Tests.Features.Account;

public sealed class PasswordRulesTests
{
    private static readonly AppUser Rosa = new() { Email = "rosa.park@example.test", UserName = "rosa.park@example.test", DisplayName = "Rosa Park" };

    private static async Task<string?> RefusalOf(string password) =>
        (await new PasswordRules().ValidateAsync(null!, Rosa, password)).Errors.SingleOrDefault()?.Description;

    [Theory]
    [InlineData("qwertyuiop")]
    [InlineData("Password123")]
    [InlineData("1q2w3e4r5t")]
    [InlineData("basket ball")] // spacing and case don't hide a common one
    public async Task A_password_from_the_breach_list_is_refused_with_the_reason(string password) =>
        Assert.Equal(PasswordRules.CommonMessage, await RefusalOf(password));

    [Theory]
    [InlineData("rosa.park@example.test")]
    [InlineData("ROSA.PARK")]
    [InlineData("rosapark")]
    public async Task The_persons_own_email_or_name_is_refused_with_the_reason(string password) =>
        Assert.Equal(PasswordRules.PersonalMessage, await RefusalOf(password));

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("my back feels better in May")]
    public async Task An_ordinary_passphrase_is_accepted(string password) =>
        Assert.Null(await RefusalOf(password));

    [Fact]
    public void The_list_holds_thousands_of_passwords_of_ten_or_more_characters()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "common-passwords.txt"));
        Assert.InRange(lines.Length, 2000, 20000);
        Assert.All(lines, l => Assert.True(l.Length >= 10, l));
        Assert.All(lines.Take(50), l => Assert.True(PasswordRules.IsCommon(l), l));
    }
}
