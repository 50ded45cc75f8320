using System.Text.Json;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Account;

public sealed record OrderRow(
    Guid Id, string Course, OrderStatus Status, int ListPriceCents, int DiscountCents, int AmountCents, string Currency,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? RefundedAt);

/// <summary>The signed-in person's own account: profile, password, their data, and leaving.</summary>
[Route("account")]
[Authorize]
public sealed class MyAccountController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    PersonalDataExport export,
    AccountDeletion deletion) : Controller
{
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return Challenge();
        }
        ViewData["Email"] = user.Email;
        ViewData["Roles"] = string.Join(", ", await users.GetRolesAsync(user));
        ViewData["EmailPreferences"] = new EmailPreferencesForm
        {
            UnlockEmails = !user.UnlockEmailsOff, Reminders = !user.RemindersOff, PreferredHour = user.PreferredEmailHour,
        };
        return View("Index", new ProfileForm { DisplayName = user.DisplayName, TimeZoneId = user.TimeZoneId });
    }

    [HttpPost("profile")]
    public async Task<IActionResult> Profile(ProfileForm form, [FromServices] WeeklyEmails.NotificationSchedule schedule)
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            ViewData["Email"] = user.Email;
            ViewData["Roles"] = string.Join(", ", await users.GetRolesAsync(user));
            ViewData["EmailPreferences"] = new EmailPreferencesForm
            {
                UnlockEmails = !user.UnlockEmailsOff, Reminders = !user.RemindersOff, PreferredHour = user.PreferredEmailHour,
            };
            return View("Index", form);
        }
        var zoneChanged = user.TimeZoneId != form.TimeZoneId;
        user.DisplayName = form.DisplayName.Trim();
        user.TimeZoneId = form.TimeZoneId;
        await users.UpdateAsync(user);
        if (zoneChanged)
        {
            // Week emails at a preferred local hour move with the learner's zone.
            await schedule.RescheduleUserAsync(user.Id, HttpContext.RequestAborted);
        }
        await signIn.RefreshSignInAsync(user); // the name and time zone live in the cookie
        TempData["Flash"] = "Your profile is saved.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("email-preferences")]
    public async Task<IActionResult> EmailPreferences(EmailPreferencesForm form, [FromServices] WeeklyEmails.NotificationSchedule schedule, CancellationToken ct)
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            TempData["Flash"] = "Please choose an hour from the list.";
            return RedirectToAction(nameof(Index));
        }
        user.UnlockEmailsOff = !form.UnlockEmails;
        user.RemindersOff = !form.Reminders;
        user.PreferredEmailHour = form.PreferredHour;
        await users.UpdateAsync(user);
        await schedule.RescheduleUserAsync(user.Id, ct);
        TempData["Flash"] = "Your email settings are saved.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("orders")]
    public async Task<IActionResult> Orders([FromServices] Data.AppDbContext db, CancellationToken ct)
    {
        var userId = users.GetUserId(User) is { } id ? Guid.Parse(id) : Guid.Empty;
        var orders = await (from o in db.Orders
                            join c in db.Courses on o.CourseId equals c.Id
                            where o.UserId == userId
                            orderby o.CreatedAt descending
                            select new OrderRow(o.Id, c.Title, o.Status, o.ListPriceCents, o.DiscountCents, o.AmountCents, o.Currency, o.CreatedAt, o.PaidAt, o.RefundedAt))
                           .ToListAsync(ct);
        return View("Orders", orders);
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, [FromServices] Sessions.SignInSessions sessions, CancellationToken ct)
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword);
                ModelState.AddModelError(field, error.Code == "PasswordMismatch" ? "That isn't your current password." : error.Description);
            }
            return View(form);
        }
        // Every other browser signed in to this account is signed out at once; this one stays signed in.
        await sessions.EndOthersAsync(user.Id, keep: User, ct);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Your password has been changed.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("my-data")]
    public async Task<IActionResult> DownloadMyData(CancellationToken ct)
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return Challenge();
        }
        var data = await export.BuildAsync(user, ct);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(data, ExportJson);
        return File(bytes, "application/json", "backcourse-my-data.json");
    }

    [HttpGet("delete")]
    public IActionResult Delete() => View(new DeleteAccountForm());

    [HttpPost("delete")]
    public async Task<IActionResult> Delete(DeleteAccountForm form, CancellationToken ct)
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        if (!await users.CheckPasswordAsync(user, form.Password))
        {
            ModelState.AddModelError(nameof(form.Password), "That isn't your password.");
            return View(form);
        }
        var result = await deletion.DeleteAsync(user, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "We couldn't delete your account just now. Please try again.");
            return View(form);
        }
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Deleted));
    }

    [HttpGet("deleted")]
    [AllowAnonymous]
    public IActionResult Deleted() => View();

    private Task<AppUser?> CurrentUserAsync() => users.GetUserAsync(User);
}
