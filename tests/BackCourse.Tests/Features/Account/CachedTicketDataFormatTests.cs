using System.Security.Claims;
using BackCourse.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace BackCourse.Tests.Features.Account;

public sealed class CachedTicketDataFormatTests
{
    /// <summary>The real cookie ticket format (ephemeral keys), counting how often a cookie is opened.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly TicketDataFormat real = new(new EphemeralDataProtectionProvider().CreateProtector("cookie"));

        public int Opened { get; private set; }

        public string Protect(AuthenticationTicket data) => real.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => real.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Opened++;
            return real.Unprotect(protectedText, purpose);
        }
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static AuthenticationTicket Ticket(string name) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Identity.Application")),
            new AuthenticationProperties { IssuedUtc = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero) }, "Identity.Application");

    [Fact]
    public void A_cookie_is_opened_once_a_minute_and_each_request_gets_its_own_copy()
    {
        var inner = new CountingFormat();
        var clock = new Clock();
        var format = new CachedTicketDataFormat(inner, clock);
        var cookie = format.Protect(Ticket("ada"));

        var first = format.Unprotect(cookie)!;
        first.Principal.Identities.First().AddClaim(new Claim("added-by", "one request"));
        first.Properties.Items["changed"] = "by one request";
        clock.Now = clock.Now.AddSeconds(59);
        var second = format.Unprotect(cookie)!;

        Assert.Equal(1, inner.Opened);
        Assert.Equal("ada", second.Principal.Identity!.Name);
        Assert.Null(second.Principal.FindFirst("added-by"));
        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.Equal(first.Properties.IssuedUtc, second.Properties.IssuedUtc);

        clock.Now = clock.Now.AddSeconds(2);
        Assert.Equal("ada", format.Unprotect(cookie)!.Principal.Identity!.Name);
        Assert.Equal(2, inner.Opened);
    }

    [Fact]
    public void A_cookie_that_does_not_open_is_refused_every_time_and_not_kept()
    {
        var inner = new CountingFormat();
        var format = new CachedTicketDataFormat(inner, new Clock());
        var tampered = format.Protect(Ticket("ada"))[..^4] + "AAAA";

        Assert.Null(format.Unprotect(tampered));
        Assert.Null(format.Unprotect(tampered));
        Assert.Null(format.Unprotect(""));
        Assert.Equal(3, inner.Opened);
    }

    [Fact]
    public void Different_cookies_open_to_their_own_tickets()
    {
        var format = new CachedTicketDataFormat(new CountingFormat(), new Clock());
        var ada = format.Protect(Ticket("ada"));
        var bob = format.Protect(Ticket("bob"));

        Assert.Equal("ada", format.Unprotect(ada)!.Principal.Identity!.Name);
        Assert.Equal("bob", format.Unprotect(bob)!.Principal.Identity!.Name);
        Assert.Equal("ada", format.Unprotect(ada)!.Principal.Identity!.Name);
    }
}
