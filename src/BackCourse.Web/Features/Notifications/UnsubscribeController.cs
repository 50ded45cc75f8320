using BackCourse.Web.Data;
using BackCourse.Web.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Notifications;

/// <summary>
/// One-click unsubscribe from the weekly unlock emails, from the link (GET) or the mail client's
/// List-Unsubscribe-Post (POST). The signed token is the only credential: no sign-in needed.
/// </summary>
[Route("unsubscribe")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeController(AppDbContext db, UnsubscribeTokens tokens, NotificationSchedule schedule) : Controller
{
    [HttpGet("")]
    [HttpPost("")]
    public async Task<IActionResult> Unsubscribe([FromQuery] string? token, CancellationToken ct)
    {
        var userId = tokens.Read(token);
        if (userId is null || !await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Invalid");
        }
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnlockEmailsOff, true), ct);
        await schedule.RescheduleUserAsync(userId.Value, ct);
        return View("Done");
    }
}
