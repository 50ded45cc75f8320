using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

/// <summary>Staff pages: every email the site sent. (The home page, /admin, is the course dashboard.)</summary>
[Route("admin")]
[Authorize(Policy = Policies.Admin)]
public sealed class AdminController(AppDbContext db) : Controller
{
    private const int PageSize = 50;

    [HttpGet("emails")]
    public async Task<IActionResult> Emails(int page = 1, CancellationToken ct = default)
    {
        page = Infrastructure.Paging.Clamp(page);
        var rows = await db.EmailMessages.AsNoTracking()
            .OrderByDescending(m => m.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(ct);
        return View(new EmailLogModel(rows.Take(PageSize).ToList(), page, rows.Count > PageSize));
    }
}

public sealed record EmailLogModel(IReadOnlyList<Email.EmailMessage> Messages, int Page, bool HasMore);
