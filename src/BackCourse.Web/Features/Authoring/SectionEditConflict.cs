using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Authoring;

/// <summary>
/// Each section editor's form carries the version the section had when the page was opened, so that a
/// save from a page opened before someone else's save cannot quietly overwrite it.
/// </summary>
internal static class SectionEditConflict
{
    public const string Message =
        "Someone else saved this section after you opened it. Your changes are below and were not saved: "
        + "open the section again in a new tab to see theirs, then save yours again here if they should win.";

    /// <summary>
    /// The editor shown again as posted, with 400 when the input is invalid or 409 (and <see cref="Message"/>)
    /// when the section changed since <paramref name="openedVersion"/>; null when the save may go ahead.
    /// </summary>
    public static IActionResult? RefusedSave(this Controller controller, Section section, long openedVersion, Func<string?, IActionResult> showAgain)
    {
        var conflict = openedVersion != section.UpdatedAt.UtcTicks ? Message : null;
        if (controller.ModelState.IsValid && conflict is null)
        {
            return null;
        }
        controller.Response.StatusCode = conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return showAgain(conflict);
    }
}
