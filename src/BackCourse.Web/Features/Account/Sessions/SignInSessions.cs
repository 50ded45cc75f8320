using System.Security.Claims;
using BackCourse.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Account.Sessions;

/// <summary>
/// Each sign-in is a session the server knows: its id rides in the cookie as a claim, and ending it (signing out,
/// a password change or reset) takes effect on the next request, not when the cookie would have expired.
/// </summary>
public sealed class SignInSessions(AppDbContext db, EndedSessions ended, TimeProvider clock)
{
    public const string ClaimType = "bc:session";

    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(ClaimType)?.Value, out var id) ? id : null;

    /// <summary>Ends the session this principal signed in with (signing out).</summary>
    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (IdOf(principal) is not { } id)
        {
            return;
        }
        var now = clock.GetUtcNow();
        await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
        ended.Add(id, now);
    }

    /// <summary>Ends every session of the account but <paramref name="keep"/>'s (a password change keeps the one that made it).</summary>
    public async Task EndOthersAsync(Guid userId, ClaimsPrincipal? keep, CancellationToken ct)
    {
        var kept = IdOf(keep) ?? Guid.Empty;
        var now = clock.GetUtcNow();
        var ids = await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != kept).Select(s => s.Id).ToListAsync(ct);
        await db.SignInSessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
        foreach (var id in ids)
        {
            ended.Add(id, now);
        }
    }

    /// <summary>
    /// Cookie event: a new sign-in gets a new session; a cookie issued again for someone already signed in (a
    /// profile change, a password change) keeps the session it had.
    /// </summary>
    internal static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == ClaimType))
        {
            return;
        }
        var current = context.HttpContext.User;
        var userId = identity.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (IdOf(current) is { } existing && userId is not null && current.FindFirst(ClaimTypes.NameIdentifier)?.Value == userId)
        {
            identity.AddClaim(new Claim(ClaimType, existing.ToString()));
            return;
        }
        if (!Guid.TryParse(userId, out var user))
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Guid.CreateVersion7(now);
        // A statement of its own, not SaveChanges: whatever else the request's context is tracking is not ours to save.
        await services.GetRequiredService<AppDbContext>().Database.ExecuteSqlAsync(
            $"INSERT INTO sign_in_sessions (id, user_id, started_at) VALUES ({id}, {user}, {now})", context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(ClaimType, id.ToString()));
    }

    /// <summary>When Identity rebuilds the principal after checking the security stamp, the session id goes with it.</summary>
    internal static Task OnRefreshingPrincipalAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ClaimType) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == ClaimType))
        {
            identity.AddClaim(new Claim(ClaimType, claim.Value));
        }
        return Task.CompletedTask;
    }
}
