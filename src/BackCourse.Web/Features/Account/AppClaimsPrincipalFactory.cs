using System.Security.Claims;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Features.Account;

/// <summary>
/// Puts the display name and time zone in the sign-in cookie, so pages can greet the learner and
/// show dates in their zone without reading the user row on every request.
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string TimeZoneClaim = "bc:tz";
    public const string DisplayNameClaim = "bc:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TimeZoneClaim, user.TimeZoneId));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

public static class PrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static TimeZoneInfo TimeZone(this ClaimsPrincipal principal) =>
        LearnerTime.Zone(principal.FindFirstValue(AppClaimsPrincipalFactory.TimeZoneClaim));

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(AppClaimsPrincipalFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? "";
}
