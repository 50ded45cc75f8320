using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Errors;

/// <summary>Friendly pages for 403, 404, 429 and 500; ProblemDetails for JSON callers.</summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("error/{status:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status(int status)
    {
        Response.StatusCode = status is >= 400 and <= 599 ? status : 404;

        if (ProblemDetailsExceptionHandler.WantsJson(Request))
        {
            return Problem(statusCode: Response.StatusCode, title: ErrorModel.TitleFor(Response.StatusCode));
        }
        return View("Error", new ErrorModel(Response.StatusCode, HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorModel(int Status, string RequestId)
{
    public string Title => TitleFor(Status);

    public string Explanation => Status switch
    {
        403 => "You don't have access to this page. If you think you should, sign in with the account that does.",
        404 => "We couldn't find that page. The link may be old, or the address may have a typo.",
        429 => "Too many requests in a short time. Please wait a minute and try again.",
        _ => "Something went wrong on our side. It has been logged; please try again in a moment.",
    };

    public static string TitleFor(int status) => status switch
    {
        403 => "Access denied",
        404 => "Page not found",
        429 => "Slow down a little",
        _ => "Something went wrong",
    };
}
