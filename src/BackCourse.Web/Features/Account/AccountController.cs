using BackCourse.Web.Domain;
using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BackCourse.Web.Features.Account;

/// <summary>Register, confirm the address, sign in and out, and reset a forgotten password.</summary>
[Route("account")]
[AllowAnonymous]
public sealed class AccountController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AccountEmails emails,
    TimeProvider clock,
    ILogger<AccountController> logger) : Controller
{
    [HttpGet("register")]
    public IActionResult Register(string? returnUrl)
    {
        ModelState.Clear(); // show the checked return URL, not the raw query value
        return View(new RegisterForm { ReturnUrl = LocalOrNull(returnUrl) });
    }

    [HttpPost("register")]
    [EnableRateLimiting(WebServiceExtensions.AuthRateLimit)]
    public async Task<IActionResult> Register(RegisterForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var email = EmailAddresses.Canonical(form.Email);
        var returnUrl = LocalOrNull(form.ReturnUrl);
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = form.DisplayName.Trim(),
            TimeZoneId = TimeZones.OrUtc(form.TimeZoneId),
            CreatedAt = clock.GetUtcNow(),
        };
        // The password is judged before anyone is looked up, so a refused one reads the same for a new address and a taken one.
        foreach (var validator in users.PasswordValidators)
        {
            var judged = await validator.ValidateAsync(users, user, form.Password);
            foreach (var error in judged.Errors)
            {
                ModelState.AddModelError(nameof(form.Password), error.Description);
            }
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Same answer as a new registration, so the form can't be used to find out who has an account.
            await emails.SendAlreadyRegisteredAsync(existing);
            return RedirectToAction(nameof(CheckEmail));
        }

        var result = await users.CreateAsync(user, form.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(form.Password) : "", error.Description);
            }
            return View(form);
        }
        await users.AddToRoleAsync(user, Roles.Learner);
        await emails.SendConfirmationAsync(user, returnUrl);
        logger.LogInformation("Registered account {UserId}", user.Id);
        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpGet("register/check-email")]
    public IActionResult CheckEmail() => View();

    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(Guid userId, string? code, string? returnUrl)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var token = code is null ? null : AccountEmails.Decode(code);
        if (user is null || token is null || !(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return View("ConfirmEmailFailed");
        }
        ViewData["ReturnUrl"] = LocalOrNull(returnUrl);
        return View();
    }

    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl)
    {
        ModelState.Clear(); // show the checked return URL, not the raw query value
        return View(new SignInForm { ReturnUrl = LocalOrNull(returnUrl) });
    }

    [HttpPost("sign-in")]
    [EnableRateLimiting(WebServiceExtensions.AuthRateLimit)]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        // One answer for an unknown address, a wrong password and a locked account, after the same work (a password
        // hash is checked in every case), so the form can't be used to learn who has an account or whose is locked.
        // The owner of a locked account is told by email; an unconfirmed one only after giving the right password.
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(DummyUser, DummyHash, form.Password);
            return Refused(form);
        }
        if (await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(DummyUser, DummyHash, form.Password);
            return Refused(form);
        }
        if (!user.EmailConfirmed)
        {
            if (!await users.CheckPasswordAsync(user, form.Password))
            {
                await users.AccessFailedAsync(user);
                return Refused(form);
            }
            ModelState.AddModelError("", "Please confirm your email address first: we sent you a link when you registered.");
            ViewData["CanResendConfirmation"] = true;
            return View(form);
        }
        var result = await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(LocalOrNull(form.ReturnUrl) ?? "/");
        }
        if (result.IsLockedOut)
        {
            // This attempt locked it (it wasn't locked a moment ago): tell the owner once, not on every later try.
            logger.LogWarning("Account {UserId} locked out after failed sign-ins", user.Id);
            await emails.SendLockedOutAsync(user, users.Options.Lockout.DefaultLockoutTimeSpan);
        }
        return Refused(form);
    }

    private static readonly AppUser DummyUser = new() { Id = Guid.Empty, UserName = "nobody@backcourse.invalid" };

    // A real hash of a random password, made once, so checking against it costs what checking a real one does.
    private static readonly string DummyHash = new PasswordHasher<AppUser>().HashPassword(DummyUser, Guid.NewGuid().ToString("N"));

    private ViewResult Refused(SignInForm form)
    {
        ModelState.AddModelError("", "That email and password don't match an account we can sign you in to. " +
            "If you've forgotten your password, you can reset it; if your account needs anything else, we'll have emailed you.");
        return View(form);
    }

    [HttpPost("resend-confirmation")]
    [EnableRateLimiting(WebServiceExtensions.AuthRateLimit)]
    public async Task<IActionResult> ResendConfirmation(ForgotPasswordForm form)
    {
        if (ModelState.IsValid && await users.FindByEmailAsync(form.Email.Trim()) is { EmailConfirmed: false } user)
        {
            await emails.SendConfirmationAsync(user, null);
        }
        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutPost([FromServices] Sessions.SignInSessions sessions, CancellationToken ct)
    {
        // Ended on the server first: the cookie, if kept or copied, no longer signs anyone in.
        await sessions.EndAsync(User, ct);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [HttpPost("forgot-password")]
    [EnableRateLimiting(WebServiceExtensions.AuthRateLimit)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        if (await users.FindByEmailAsync(form.Email.Trim()) is { EmailConfirmed: true } user)
        {
            await emails.SendPasswordResetAsync(user);
        }
        return RedirectToAction(nameof(ForgotPasswordSent));
    }

    [HttpGet("forgot-password/sent")]
    public IActionResult ForgotPasswordSent() => View();

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(Guid userId, string? code) =>
        string.IsNullOrEmpty(code)
            ? View("ResetPasswordFailed")
            : View(new ResetPasswordForm { UserId = userId, Code = code });

    [HttpPost("reset-password")]
    [EnableRateLimiting(WebServiceExtensions.AuthRateLimit)]
    public async Task<IActionResult> ResetPassword(ResetPasswordForm form, [FromServices] Sessions.SignInSessions sessions, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var user = await users.FindByIdAsync(form.UserId.ToString());
        var token = AccountEmails.Decode(form.Code);
        if (user is null || token is null)
        {
            return View("ResetPasswordFailed");
        }
        var result = await users.ResetPasswordAsync(user, token, form.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                return View("ResetPasswordFailed");
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(form.Password), error.Description);
            }
            return View(form);
        }
        // A reset also ends a lockout: the person has proved they own the address.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        // Whoever knew the old password is signed out everywhere now, not when their cookie's stamp is next checked.
        await sessions.EndOthersAsync(user.Id, keep: null, ct);
        TempData["Flash"] = "Your password has been changed. Please sign in.";
        return RedirectToAction(nameof(SignIn));
    }

    private string? LocalOrNull(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : null;
}
