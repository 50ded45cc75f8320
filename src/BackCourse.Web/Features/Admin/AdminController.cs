using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

/// <summary>Staff pages. For now: who has an account, and every email the site sent.</summary>
[Route("admin")]
[Authorize(Policy = Policies.Admin)]
public sealed class AdminController(AppDbContext db, Scheduling.SchedulerHealth scheduler) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var model = new AdminHomeModel(
            await db.Users.CountAsync(ct),
            await db.EmailMessages.CountAsync(m => m.Status == Email.EmailStatus.Failed, ct),
            await scheduler.ReadAsync(ct));
        return View(model);
    }

    [HttpGet("emails")]
    public async Task<IActionResult> Emails(int page = 1, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var rows = await db.EmailMessages.AsNoTracking()
            .OrderByDescending(m => m.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(ct);
        return View(new EmailLogModel(rows.Take(PageSize).ToList(), page, rows.Count > PageSize));
    }
}

public sealed record AdminHomeModel(int Users, int FailedEmails, Scheduling.SchedulerStatus Scheduler);

public sealed record EmailLogModel(IReadOnlyList<Email.EmailMessage> Messages, int Page, bool HasMore);
