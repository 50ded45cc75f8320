using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace BackCourse.Web.Infrastructure;

/// <summary>
/// Input the app refuses before any feature sees it, in one place for every request: a NUL character
/// (PostgreSQL text cannot hold one, so it would only ever become a server error) in the query string,
/// a form field or a file name, or a JSON body; and which exceptions mean "the request was bad", not "we failed".
/// </summary>
public static class BadInput
{
    /// <summary>
    /// The status an exception stands for: what the client sent was too large (413) or malformed (400),
    /// otherwise our own failure (500).
    /// </summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // The form readers' limits (value length, value count, multipart size) throw this.
        InvalidDataException => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IApplicationBuilder UseNulRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page for a refused request is the same request re-executed: let it through.
        var reExecuted = context.Features.Get<IExceptionHandlerFeature>() is not null
                         || context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (!reExecuted && await IsUnreadableOrCarriesNulAsync(context.Request, context.RequestAborted))
        {
            // No body: the status code pages show the friendly 400 page (or ProblemDetails to JSON callers). That page
            // is this request re-executed, so it gets an empty form rather than the one that was refused.
            context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    });

    internal static async Task<bool> IsUnreadableOrCarriesNulAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            || request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return true;
        }
        if (request.HasFormContentType)
        {
            // Read once here; model binding later reuses the parsed form.
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException ex) when (ex.InnerException is InvalidOperationException)
            {
                // The URL-encoded form reader refuses a NUL itself ("the form value contains invalid characters").
                return true;
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                // A multipart body that ends before its closing boundary: as unreadable as a NUL, so the same plain 400.
                return true;
            }
            return form.Any(f => HasNul(f.Key) || f.Value.Any(HasNul))
                   || form.Files.Any(f => HasNul(f.Name) || HasNul(f.FileName));
        }
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is <= 1_000_000
            && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(ct);
            request.Body.Position = 0;
            return body.Contains("\\u0000", StringComparison.OrdinalIgnoreCase) || body.Contains('\0', StringComparison.Ordinal);
        }
        return false;
    }

    private static bool HasNul(string? value) => value?.Contains('\0', StringComparison.Ordinal) == true;
}
