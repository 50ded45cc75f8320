using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using System.Text;

namespace BackCourse.Web.Features.Account;

/// <summary>The messages an account sends: confirm your address, reset your password, you already have an account.</summary>
public sealed class AccountEmails(UserManager<AppUser> users, IEmailSender sender, IOptions<AppOptions> app)
{
    public async Task SendConfirmationAsync(AppUser user, string? returnUrl)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link($"/account/confirm-email?userId={user.Id}&code={code}" +
                        (string.IsNullOrEmpty(returnUrl) ? "" : $"&returnUrl={Uri.EscapeDataString(returnUrl)}"));
        await sender.SendAsync(EmailTemplates.Compose(
            user.Email!, "Confirm your email for BackCourse", "account-confirmation", user.Id,
            $"Welcome, {user.DisplayName}",
            ["Please confirm your email address so we can send you your course weeks as they open."],
            "Confirm my email", link));
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link($"/account/reset-password?userId={user.Id}&code={code}");
        await sender.SendAsync(EmailTemplates.Compose(
            user.Email!, "Reset your BackCourse password", "password-reset", user.Id,
            "Reset your password",
            ["Someone (hopefully you) asked to reset the password for this address. The link works once and expires in a day.",
             "If it wasn't you, you can ignore this message: your password has not changed."],
            "Choose a new password", link));
    }

    public async Task SendAlreadyRegisteredAsync(AppUser user)
    {
        await sender.SendAsync(EmailTemplates.Compose(
            user.Email!, "You already have a BackCourse account", "account-exists", user.Id,
            "You already have an account",
            ["Someone tried to register with this email address, but it already has a BackCourse account.",
             "If it was you, sign in instead, or reset your password if you've forgotten it."],
            "Sign in", Link("/account/sign-in")));
    }

    /// <summary>The sign-in page says the same to everyone, so the owner of a locked account hears about it here.</summary>
    public async Task SendLockedOutAsync(AppUser user, TimeSpan lockedFor)
    {
        await sender.SendAsync(EmailTemplates.Compose(
            user.Email!, "Your BackCourse account is locked for a while", "account-locked", user.Id,
            "Your account is locked for a while",
            [$"After five wrong passwords in a row, we've locked your account for {lockedFor.TotalMinutes:0} minutes to keep it safe.",
             "If that was you, wait and try again, or choose a new password now. If it wasn't you, choosing a new password is a good idea."],
            "Choose a new password", Link("/account/forgot-password")));
    }

    private string Link(string pathAndQuery) => app.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    internal static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    internal static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
