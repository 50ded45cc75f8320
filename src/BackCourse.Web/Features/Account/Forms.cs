using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace BackCourse.Web.Features.Account;

// The account forms and their rules. Messages are written for the person filling in the form.

public sealed class RegisterForm
{
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Confirm password")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>Filled in by the browser (Intl API); the learner can change it later.</summary>
    public string? TimeZoneId { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class RegisterFormValidator : AbstractValidator<RegisterForm>
{
    public RegisterFormValidator()
    {
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Please tell us your name.")
            .MaximumLength(100).WithMessage("Please keep your name under 100 characters.");
        RuleFor(f => f.Email).NotEmpty().WithMessage("Please enter your email address.")
            .MaximumLength(254).WithMessage("That email address is too long.")
            .EmailAddress().WithMessage("That doesn't look like an email address.")
            .Must(EmailAddresses.HasValidDomain).WithMessage("The part after the @ isn't a domain that can receive email. Please check it.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Please choose a password.")
            .MinimumLength(10).WithMessage("Use at least 10 characters; a short phrase works well.")
            .MaximumLength(128).WithMessage("Please keep your password under 128 characters.");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords don't match.");
        RuleFor(f => f.TimeZoneId).MaximumLength(64);
    }
}

public sealed class SignInForm
{
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class SignInFormValidator : AbstractValidator<SignInForm>
{
    public SignInFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Please enter your email address.").MaximumLength(254);
        RuleFor(f => f.Password).NotEmpty().WithMessage("Please enter your password.").MaximumLength(128);
    }
}

public sealed class ForgotPasswordForm
{
    [Display(Name = "Email")]
    public string Email { get; set; } = "";
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Please enter your email address.")
            .MaximumLength(254).EmailAddress().WithMessage("That doesn't look like an email address.");
    }
}

public sealed class ResetPasswordForm
{
    public Guid UserId { get; set; }
    public string Code { get; set; } = "";

    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [Display(Name = "Confirm new password")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator()
    {
        RuleFor(f => f.Code).NotEmpty().WithMessage("This reset link is incomplete. Please request a new one.")
            .MaximumLength(2000);
        RuleFor(f => f.Password).NotEmpty().WithMessage("Please choose a new password.")
            .MinimumLength(10).WithMessage("Use at least 10 characters; a short phrase works well.")
            .MaximumLength(128);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords don't match.");
    }
}

public sealed class ChangePasswordForm
{
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Display(Name = "Confirm new password")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage("Please enter your current password.").MaximumLength(128);
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage("Please choose a new password.")
            .MinimumLength(10).WithMessage("Use at least 10 characters; a short phrase works well.")
            .MaximumLength(128);
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("The two passwords don't match.");
    }
}

public sealed class ProfileForm
{
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Time zone")]
    public string TimeZoneId { get; set; } = "UTC";
}

public sealed class ProfileFormValidator : AbstractValidator<ProfileForm>
{
    public ProfileFormValidator()
    {
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Please tell us your name.")
            .MaximumLength(100).WithMessage("Please keep your name under 100 characters.");
        RuleFor(f => f.TimeZoneId).NotEmpty().MaximumLength(64)
            .Must(TimeZones.IsKnown).WithMessage("Please choose a time zone from the list.");
    }
}

public sealed class EmailPreferencesForm
{
    [Display(Name = "Email me when each new week opens")]
    public bool UnlockEmails { get; set; } = true;

    [Display(Name = "Send me a gentle reminder if I fall behind")]
    public bool Reminders { get; set; } = true;

    /// <summary>Empty = when the week opens; otherwise a local hour 0–23.</summary>
    [Display(Name = "Send weekly emails at")]
    public int? PreferredHour { get; set; }
}

public sealed class EmailPreferencesFormValidator : AbstractValidator<EmailPreferencesForm>
{
    public EmailPreferencesFormValidator()
    {
        RuleFor(f => f.PreferredHour).InclusiveBetween(0, 23).When(f => f.PreferredHour is not null)
            .WithMessage("Please choose an hour from the list.");
    }
}

public sealed class DeleteAccountForm
{
    [Display(Name = "Your password")]
    public string Password { get; set; } = "";

    [Display(Name = "I understand that my account and my course work will be deleted")]
    public bool Confirm { get; set; }
}

public sealed class DeleteAccountFormValidator : AbstractValidator<DeleteAccountForm>
{
    public DeleteAccountFormValidator()
    {
        RuleFor(f => f.Password).NotEmpty().WithMessage("Please enter your password to confirm.").MaximumLength(128);
        RuleFor(f => f.Confirm).Equal(true).WithMessage("Please tick the box to confirm.");
    }
}

/// <summary>IANA zones known to this machine, for validation and the account page's list.</summary>
public static class TimeZones
{
    private static readonly Lazy<IReadOnlyList<string>> Ids = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/') || id == "UTC").Order(StringComparer.Ordinal)]);

    public static IReadOnlyList<string> All => Ids.Value;

    public static bool IsKnown(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static string OrUtc(string? id) => IsKnown(id) ? id! : "UTC";
}
