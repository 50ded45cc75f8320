using BackCourse.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Bench;

public sealed record FortuneRow(int Id, string Message);

/// <summary>
/// Exists only in bench mode (<see cref="BenchOptions"/>, set by <c>./backcourse bench</c>, never in Production): a baseline
/// page of the TechEmpower "Fortunes" kind (one simple query, a small Razor table), so page speeds
/// can be given as ratios that hold on any machine, and the process's allocation and GC counters.
/// </summary>
[AllowAnonymous]
[Route("bench")]
public sealed class BenchController(AppDbContext db) : Controller
{
    private static long requests;

    public static void CountRequest() => Interlocked.Increment(ref requests);

    [HttpGet("fortunes")]
    public async Task<IActionResult> Fortunes(CancellationToken ct)
    {
        var rows = await db.Weeks.AsNoTracking().Select(w => new FortuneRow(w.Number, w.Title)).ToListAsync(ct);
        rows.Add(new FortuneRow(0, "Additional fortune added at request time."));
        rows.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
        return View("Fortunes", rows);
    }

    [HttpGet("counters")]
    public IActionResult Counters()
    {
        return Json(new
        {
            allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            requests = Interlocked.Read(ref requests),
            gcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
            gen0 = GC.CollectionCount(0),
            gen1 = GC.CollectionCount(1),
            gen2 = GC.CollectionCount(2),
            serverGc = System.Runtime.GCSettings.IsServerGC ? 1 : 0,
            heapMb = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,
        });
    }
}
