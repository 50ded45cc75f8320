using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace BackCourse.Web.Features.Account;

/// <summary>
/// One form for an address with an international domain: "rosa@bücher.example" and "rosa@xn--bcher-kva.example" are
/// the same mailbox, so they are stored alike (the domain in its ASCII form, lower case) and found alike.
/// </summary>
public static class EmailAddresses
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The address with its domain in ASCII and lower case; the part before the @ as typed. Unchanged when it isn't an address.</summary>
    public static string Canonical(string? email)
    {
        var trimmed = (email ?? "").Trim();
        return TrySplit(trimmed, out var mailbox, out var ascii) ? mailbox + "@" + ascii.ToLowerInvariant() : trimmed;
    }

    /// <summary>Whether the domain is one a mail server could have (a valid international or ASCII name).</summary>
    public static bool HasValidDomain(string? email) => TrySplit((email ?? "").Trim(), out _, out _);

    private static bool TrySplit(string address, out string mailbox, out string asciiDomain)
    {
        (mailbox, asciiDomain) = ("", "");
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return false;
        }
        try
        {
            (mailbox, asciiDomain) = (address[..at], Idn.GetAscii(address[(at + 1)..]));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Identity's lookups (sign-in, reset, "already registered") find an address whichever form of its domain is typed.</summary>
public sealed class CanonicalEmailNormalizer : ILookupNormalizer
{
    private readonly UpperInvariantLookupNormalizer inner = new();

    public string? NormalizeEmail(string? email) => inner.NormalizeEmail(email is null ? null : EmailAddresses.Canonical(email));

    public string? NormalizeName(string? name) => inner.NormalizeName(name is null ? null : EmailAddresses.Canonical(name));
}
