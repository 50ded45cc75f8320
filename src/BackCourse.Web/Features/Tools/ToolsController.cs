using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Tools;

/// <summary>Practical tools for enrolled learners: the pain &amp; stiffness log and the desk-break timer.</summary>
[Route("learn/tools")]
[Authorize]
public sealed class ToolsController(LearnerSession session, PainLog painLog, Instructor.RedFlagAlerts redFlags) : Controller
{
    [HttpGet("pain-log")]
    public async Task<IActionResult> PainLog(CancellationToken ct)
    {
        var state = await session.LoadAsync(User, ct);
        if (state is not { HasAccess: true })
        {
            return Redirect("/");
        }
        return await PainLogPage(state, new PainLogForm { Day = Domain.LearnerTime.Today(state.Now, state.Zone) }, ct);
    }

    [HttpPost("pain-log")]
    public async Task<IActionResult> PainLog(PainLogForm form, CancellationToken ct)
    {
        var state = await session.LoadAsync(User, ct);
        if (state is not { HasAccess: true })
        {
            return Redirect("/");
        }
        if (!ModelState.IsValid)
        {
            return await PainLogPage(state, form, ct);
        }
        await painLog.SaveAsync(User.UserId()!.Value, form, ct);
        Instructor.RedFlagAlerts.ShowLearner(TempData,
            await redFlags.CheckAsync(User.UserId()!.Value, state.Outline.Course.Id, Domain.RedFlagSource.PainLog, null, form.Note, ct));
        TempData["Flash"] = $"Logged {form.Day:ddd d MMM}: pain {form.Pain}, stiffness {form.Stiffness}.";
        return Redirect("/learn/tools/pain-log");
    }

    [HttpGet("desk-timer")]
    public async Task<IActionResult> DeskTimer(CancellationToken ct)
    {
        var state = await session.LoadAsync(User, ct);
        return state is { HasAccess: true } ? View() : Redirect("/");
    }

    private async Task<IActionResult> PainLogPage(LearnerState state, PainLogForm form, CancellationToken ct)
    {
        var userId = User.UserId()!.Value;
        ViewData["Entries"] = await painLog.EntriesAsync(userId, ct);
        ViewData["Chart"] = await painLog.ChartAsync(userId, state.Enrolment!.StartedAt, state.Zone, ct);
        return View("PainLog", form);
    }
}
