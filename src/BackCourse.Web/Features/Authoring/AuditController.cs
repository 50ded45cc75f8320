using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Authoring;

/// <summary>The audit log of course changes (/admin/audit), filterable by item type, person, words and dates.</summary>
[Route("admin/audit")]
[Authorize(Policy = Policies.Admin)]
public sealed class AuditController(AuditReader reader) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? type, string? who, string? q, string? from, string? to, int page = 1, CancellationToken ct = default)
    {
        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                ModelState.AddModelError(field, "Give the date as year-month-day, for example 2026-11-21.");
                return null;
            }
            // The log starts with the site; a date far outside it is a typo (and 9999-12-31 has no next day).
            if (date.Year is < 2000 or > 2100)
            {
                ModelState.AddModelError(field, "Choose a date between the years 2000 and 2100.");
                return null;
            }
            return date;
        }
        var query = new AuditQuery(type, who, q, Date(from, nameof(from)), Date(to, nameof(to)), page);
        ViewData["From"] = from;
        ViewData["To"] = to;
        return View("Audit", await reader.ReadAsync(query, ct));
    }
}
