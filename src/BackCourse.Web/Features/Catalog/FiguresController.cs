using System.Text.RegularExpressions;
using BackCourse.Web.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Catalog;

/// <summary>
/// The course's own line drawings (<c>seed/figures/*.svg</c>), served from the files beside the app so a
/// lesson's <c>![…](/figures/name.svg)</c> works for learners and for free-preview visitors alike. They are
/// written by the project and reviewed in pull requests, not uploaded: uploads stay raster-only
/// (MediaLibrary), and the site's CSP (no inline script) goes with them, so even an SVG opened directly runs nothing.
/// </summary>
[AllowAnonymous]
public sealed partial class FiguresController : Controller
{
    public static string Folder => Path.Combine(CourseSeedReader.DefaultFolder, "figures");

    [HttpGet("/figures/{name}")]
    [ResponseCache(Duration = 86400)]
    public IActionResult Figure(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!FigureName().IsMatch(name) || !System.IO.File.Exists(path))
        {
            return NotFound();
        }
        return PhysicalFile(path, "image/svg+xml");
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\.svg$")]
    private static partial Regex FigureName();
}
