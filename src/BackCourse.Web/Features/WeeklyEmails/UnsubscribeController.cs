using BackCourse.Web.Data;
using BackCourse.Web.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.WeeklyEmails;

/// <summary>
/// Unsubscribe from the weekly unlock emails with no sign-in: the signed token is the credential.
/// The link opens a page with one button; mail clients post directly (List-Unsubscribe-Post).
/// </summary>
[Route("unsubscribe")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeController(AppDbContext db, UnsubscribeTokens tokens, NotificationSchedule schedule) : Controller
{
    /// <summary>The link in the email: one button to confirm (link scanners only ever GET).</summary>
    [HttpGet("")]
    public async Task<IActionResult> Confirm([FromQuery] string? token, CancellationToken ct)
    {
        if (await ValidUserAsync(token, ct) is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Invalid");
        }
        ViewData["Token"] = token;
        return View("Confirm");
    }

    /// <summary>The button, or the mail client's one-click List-Unsubscribe-Post.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Unsubscribe([FromQuery] string? token, CancellationToken ct)
    {
        var userId = await ValidUserAsync(token, ct);
        if (userId is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Invalid");
        }
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnlockEmailsOff, true), ct);
        await schedule.RescheduleUserAsync(userId.Value, ct);
        return View("Done");
    }

    private async Task<Guid?> ValidUserAsync(string? token, CancellationToken ct)
    {
        var userId = tokens.Read(token);
        return userId is not null && await db.Users.AnyAsync(u => u.Id == userId, ct) ? userId : null;
    }
}
