using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace BackCourse.Web.Features.Account;

/// <summary>
/// Opens a sign-in cookie once a minute rather than on every request. Decrypting the cookie and reading the
/// ticket inside it was about 4% of a signed-in page's time under load (docs/benchmarks.md, run 10).
/// Each request gets a copy of the ticket, so nothing one request does to its principal reaches another;
/// the cookie handler still checks expiry, renews sliding cookies and runs the security-stamp check on every
/// request. Only cookies that opened are kept, keyed by the whole cookie, at most <see cref="MaxEntries"/>.
/// A cookie whose Data Protection key is revoked still opens for up to a minute (decision record 0017).
/// </summary>
public sealed class CachedTicketDataFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset OpenedAt)> opened = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return inner.Unprotect(protectedText, purpose);
        }
        var key = purpose is null ? protectedText : purpose + "\n" + protectedText;
        var now = clock.GetUtcNow();
        if (opened.TryGetValue(key, out var entry) && now - entry.OpenedAt < Lifetime && now >= entry.OpenedAt)
        {
            return entry.Ticket.Clone();
        }
        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null)
        {
            opened.TryRemove(key, out _);
            return null;
        }
        if (opened.Count >= MaxEntries)
        {
            // Crude but bounded: a flood of distinct cookies costs a minute of re-opening, never memory.
            opened.Clear();
        }
        opened[key] = (ticket, now);
        // A deep copy: each identity and its claims, and the properties (ClaimsPrincipal.Clone shares identities).
        return ticket.Clone();
    }
}
