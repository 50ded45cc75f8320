using Microsoft.AspNetCore.Diagnostics;
using BackCourse.Web.Features.Errors;
using Microsoft.AspNetCore.Mvc;

namespace BackCourse.Web.Infrastructure;

/// <summary>
/// The one place exceptions become responses: JSON callers get ProblemDetails; browsers fall through
/// to the friendly error page. Details never leave the server; the request id links the two.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var status = BadInput.StatusFor(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else
        {
            // The client's request was at fault (too large, malformed): worth a line, not an alarm.
            logger.LogWarning("Refused {Method} {Path} with {Status}: {Reason}", context.Request.Method, context.Request.Path, status, exception.Message);
        }
        if (!WantsJson(context.Request))
        {
            return false;
        }
        context.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = ErrorModel.TitleFor(status),
                Detail = status >= 500 ? "The error was logged. Please try again in a moment." : ErrorModel.ExplanationFor(status),
            },
        });
    }

    internal static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
        request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase)
                                        && !a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
