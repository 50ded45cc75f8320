using System.Text;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record AdminHomeModel(int Users, int FailedEmails, Scheduling.SchedulerStatus Scheduler, DashboardPageModel Dashboard);

/// <summary>The period form as typed (so a bad date is shown back), and the figures when the period is valid and a course exists.</summary>
public sealed record DashboardPageModel(string? From, string? To, DashboardData? Data, bool HasCourse);

/// <summary>The admin home page: the course dashboard for a period, scheduler health and the staff links.</summary>
[Route("admin")]
[Authorize(Policy = Policies.Admin)]
public sealed class DashboardController(AppDbContext db, CourseDashboard dashboard, Scheduling.SchedulerHealth scheduler) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] DashboardPeriodQuery period, CancellationToken ct)
    {
        var course = await dashboard.CourseAsync(ct);
        var resolved = ModelState.IsValid ? period.Resolve(dashboard.Today) : null;
        var data = course is null || resolved is null ? null : await dashboard.LoadAsync(course, resolved, ct);
        var page = resolved is null
            ? new DashboardPageModel(period.From, period.To, null, course is not null)
            : new DashboardPageModel(resolved.Iso(resolved.From), resolved.Iso(resolved.To), data, course is not null);
        var model = new AdminHomeModel(
            await db.Users.CountAsync(ct),
            await db.EmailMessages.CountAsync(m => m.Status == Email.EmailStatus.Failed, ct),
            await scheduler.ReadAsync(ct),
            page);
        var view = View("Index", model);
        if (!ModelState.IsValid)
        {
            // The page still renders (scheduler, links, the form with its messages); only the figures wait for a valid period.
            view.StatusCode = StatusCodes.Status400BadRequest;
        }
        return view;
    }

    /// <summary>One chart's numbers as CSV: <c>/admin/dashboard.csv?chart=enrolments&amp;from=2026-10-01&amp;to=2026-10-31</c>.</summary>
    [HttpGet("dashboard.csv")]
    public async Task<IActionResult> Csv(string? chart, [FromQuery] DashboardPeriodQuery period, CancellationToken ct)
    {
        if (chart is null || !DashboardTables.Charts.Contains(chart))
        {
            return NotFound();
        }
        if (!ModelState.IsValid || period.Resolve(dashboard.Today) is not { } resolved)
        {
            var messages = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage);
            return BadRequest(string.Join(Environment.NewLine, messages));
        }
        var course = await dashboard.CourseAsync(ct);
        var table = course is null ? null : await DashboardTables.ForChartAsync(dashboard, course, chart, resolved, ct);
        if (table is null)
        {
            return NotFound();
        }
        return File(Encoding.UTF8.GetBytes(table.ToCsv()), "text/csv; charset=utf-8", table.FileName(resolved));
    }
}
