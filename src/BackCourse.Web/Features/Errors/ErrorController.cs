using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Features.Errors;

/// <summary>Friendly pages for 400, 403, 404, 405, 413, 429 and 500; ProblemDetails for JSON callers.</summary>
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

    /// <summary>Where an exception lands: the exception handler has already set the status it stands for.</summary>
    [Route("error/exception")]
    [IgnoreAntiforgeryToken]
    public IActionResult Exception() => Status(Response.StatusCode);
}

public sealed record ErrorModel(int Status, string RequestId)
{
    public string Title => TitleFor(Status);

    public string Explanation => ExplanationFor(Status);

    public static string ExplanationFor(int status) => status switch
    {
        400 => "We couldn't read what was sent: it had something in it a form never sends, such as an invisible control character. Nothing was saved. Go back, check what you typed or pasted, and try again.",
        403 => "You don't have access to this page. If you think you should, sign in with the account that does.",
        404 => "We couldn't find that page. The link may be old, or the address may have a typo.",
        405 => "That address doesn't take this kind of request. Go back to the page you came from and use its buttons.",
        413 => "What you sent was larger than we accept (a form's text, or a file over 5 MB). Nothing was saved. Go back, shorten it or choose a smaller file, and try again.",
        429 => "Too many requests in a short time. Please wait a minute and try again.",
        _ => "Something went wrong on our side. It has been logged; please try again in a moment.",
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "That request couldn't be read",
        403 => "Access denied",
        404 => "Page not found",
        405 => "Not something this page does",
        413 => "That was too large",
        429 => "Slow down a little",
        _ => "Something went wrong",
    };
}
