using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.Account;

/// <summary>
/// Identity checks a sign-in cookie's security stamp against the database once per validation interval.
/// Its validator, though, is built on every signed-in request, and with it SignInManager, UserManager and a
/// dozen services behind them, only to find that the interval has not passed: about a sixth of a lesson
/// page's time under load (docs/benchmarks.md). This asks the same question first, with the same clock and
/// interval, and hands over to Identity's validator only when a check is due.
/// </summary>
public sealed class DueSecurityStampValidator(IOptions<SecurityStampValidatorOptions> options, TimeProvider clock, Sessions.EndedSessions ended) : ISecurityStampValidator
{
    public Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // A session ended on the server (signed out, or a password changed elsewhere) is over at once, whatever the cookie says.
        if (Sessions.SignInSessions.IdOf(context.Principal) is { } session && ended.IsEnded(session))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        var now = (options.Value.TimeProvider ?? clock).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.Value.ValidationInterval)
        {
            return Task.CompletedTask;
        }
        return context.HttpContext.RequestServices.GetRequiredService<SecurityStampValidator<AppUser>>().ValidateAsync(context);
    }
}
